/*
 * The partition's error handler: a virtual line whose upcall carries the
 * error status the kernel wrote in the vCPU page (BH_HM_ACT_DELIVER).
 * The handler gets a copy of it and the frame of the erring context,
 * which it may redirect; the error is then acknowledged unless it keeps
 * it for later.
 */
#include "libpart.h"
#include "internal.h"

static bh_error_handler_t handler;
static void *handler_arg;
static unsigned handler_line;

static void copy_status(struct bh_error_status *out)
{
	const volatile struct bh_error_status *st = &bh_hm_shared->status;

	/* The kernel writes it only while this partition is not running
	 * (at an error, before the upcall): a plain copy is consistent. */
	bh_memcpy(out, (const void *)st, sizeof(*out));
}

static void on_error(unsigned line, void *arg)
{
	struct bh_error_status st;

	copy_status(&st);
	if (!st.unacked || !handler) {
		bh_virq_spurious++;
		return;
	}
	if (handler(&st, bh_upcall_current, handler_arg) == BH_HM_HANDLED)
		bh_hm_ack(st.seq);
}

int bh_hm_set_handler(unsigned line, bh_error_handler_t fn, void *arg)
{
	int r;

	if (!fn)
		return -BH_EINVAL;
	handler = fn;
	handler_arg = arg;
	/* The kernel first, so the line may be attached without ports. */
	r = bh_hc1(BH_HC_HM_HANDLER, line);
	if (r < 0)
		return r;
	r = bh_virq_register(line, on_error, 0);
	if (r < 0) {
		bh_hc1(BH_HC_HM_HANDLER, 0);
		return r;
	}
	handler_line = line;
	return 0;
}

int bh_hm_clear_handler(void)
{
	int r = bh_hc1(BH_HC_HM_HANDLER, 0);

	if (r == 0 && handler_line) {
		bh_virq_unregister(handler_line);
		handler_line = 0;
	}
	return r;
}

int bh_hm_get_error_status(struct bh_error_status *out)
{
	copy_status(out);
	return out->unacked ? 0 : -BH_ENOENT;
}

int bh_hm_ack(uint32_t seq)
{
	return bh_hc1(BH_HC_HM_ACK, seq);
}
