/* libpart: ARINC 653 port wrappers (see libpart.h). */
#include "libpart.h"

int bh_port_open(const char *name, uint32_t kind)
{
	return bh_hc3(BH_HC_PORT_OPEN, (uint32_t)name, (uint32_t)strlen(name), kind);
}

int bh_sampling_write(int port, const void *msg, uint32_t len)
{
	return bh_hc3(BH_HC_SAMPLING_WRITE, (uint32_t)port, (uint32_t)msg, len);
}

int bh_sampling_read(int port, void *buf, uint32_t buf_len, struct bh_sampling_result *out)
{
	return bh_hc5(BH_HC_SAMPLING_READ, (uint32_t)port, (uint32_t)buf, buf_len,
		      (uint32_t)out, 0);
}

int bh_queuing_send(int port, const void *msg, uint32_t len)
{
	return bh_hc3(BH_HC_QUEUING_SEND, (uint32_t)port, (uint32_t)msg, len);
}

int bh_queuing_receive(int port, void *buf, uint32_t buf_len)
{
	return bh_hc3(BH_HC_QUEUING_RECEIVE, (uint32_t)port, (uint32_t)buf, buf_len);
}

int bh_port_status(int port, struct bh_port_status *out)
{
	return bh_hc2(BH_HC_PORT_STATUS, (uint32_t)port, (uint32_t)out);
}

int bh_port_clear(int port)
{
	return bh_hc1(BH_HC_PORT_CLEAR, (uint32_t)port);
}

int bh_port_notify(int port, unsigned line)
{
	return bh_hc2(BH_HC_PORT_NOTIFY, (uint32_t)port, line);
}
