/* libpart: ARINC 653 port wrappers (see libpart.h). */
#include "libpart.h"

int bh_port_open(const char *name, uint32_t kind)
{
	return bh_hc3(BH_HC_PORT_OPEN, (uint32_t)name, (uint32_t)strlen(name), kind);
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
