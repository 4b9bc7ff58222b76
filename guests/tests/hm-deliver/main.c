/*
 * System test "hm-deliver" (configs/test/test-hmdeliver.c): the health
 * monitor's BH_HM_ACT_DELIVER.  Each incarnation takes one step; the
 * restarts are the escalations (hm_escalate: cold restart) the steps
 * provoke:
 *   0  a page fault, a divide error and an application error delivered
 *      to the handler (code, event, address, eip, process, message; the
 *      log's eip and ARINC code), acknowledgement rules; last, a fault
 *      the handler resumes unchanged: escalated
 *   1  a fault inside the handler: escalated
 *   2  a fault while the last error is unacknowledged: escalated
 *   3  a fault with no handler registered: escalated
 *   4  checks it was restarted by the HM and ends the run
 */
#include <libpart.h>
#include <bh_test.h>

_Static_assert(BH_HC_RAISE_APP_ERROR == 29, "errors.S calls 29");

#define HANDLER_LINE  20
#define PROCESS       7
#define BAD_ADDR      0x10u      /* below BH_PART_BASE: never mapped */
#define APP_CODE      0x1234u

uint32_t hmd_page_fault(uint32_t addr);
uint32_t hmd_divide(uint32_t divisor);
int hmd_app_error(uint32_t code, const char *msg, uint32_t len);
extern const char hmd_pf_insn[], hmd_pf_after[], hmd_div_insn[], hmd_div_after[],
		  hmd_app_after[];

enum how { SKIP, SKIP_KEEP, UNCHANGED, FAULT_INSIDE };

static enum how how;
static volatile unsigned handled;
static struct bh_error_status seen;
static struct bh_upcall_frame frame_seen;
static struct bh_part_info me;

/* Past the faulting instruction: where its label says it ends. */
static uint32_t past(uint32_t eip)
{
	if (eip == (uint32_t)hmd_pf_insn)
		return (uint32_t)hmd_pf_after;
	if (eip == (uint32_t)hmd_div_insn)
		return (uint32_t)hmd_div_after;
	return eip;                    /* a trap: already past */
}

static int on_error(const struct bh_error_status *st, struct bh_upcall_frame *f, void *arg)
{
	seen = *st;
	frame_seen = *f;
	handled++;
	if (how == FAULT_INSIDE)
		hmd_page_fault(BAD_ADDR);  /* an error in the error handler */
	if (how != UNCHANGED)
		f->eip = past(f->eip);
	return how == SKIP_KEEP ? BH_HM_KEEP : BH_HM_HANDLED;
}

static void set_handler(enum how h)
{
	how = h;
	if (bh_hm_set_handler(HANDLER_LINE, on_error, 0))
		bh_panic("cannot register the error handler");
	bh_virq_enable();
}

/* What every delivery shows: the context of the error in the frame. */
static int frame_matches(void)
{
	return frame_seen.eip == seen.eip && frame_seen.esp == seen.esp &&
	       frame_seen.line == HANDLER_LINE;
}

static void case_arguments(void)
{
	BH_EXPECT_EQ(bh_hc1(BH_HC_HM_HANDLER, BH_VIRQ_PORT_FIRST - 1), -BH_EINVAL);
	BH_EXPECT_EQ(bh_hc1(BH_HC_HM_HANDLER, BH_NR_VLINES), -BH_EINVAL);
	BH_EXPECT_EQ(bh_hc1(BH_HC_HM_HANDLER, 0xffffffffu), -BH_EINVAL);
	BH_EXPECT_EQ(bh_hm_ack(0), -BH_ESTATE);          /* nothing delivered */
	BH_EXPECT_EQ(bh_hm_ack(1), -BH_ESTATE);
	/* Lines past BH_VIRQ_WINDOW are ports' unless the handler's. */
	BH_EXPECT_EQ(bh_irq_attach(HANDLER_LINE + 1), -BH_EINVAL);
}

static void case_page_fault(void)
{
	struct bh_error_status st;

	bh_hm_set_process(PROCESS);
	hmd_page_fault(BAD_ADDR);
	bh_hm_set_process(0);
	BH_EXPECT_EQ(handled, 1);
	BH_EXPECT_EQ(seen.seq, 1);
	BH_EXPECT_EQ(seen.unacked, 1);
	BH_EXPECT_EQ(seen.code, BH_ARINC_MEMORY_VIOLATION);
	BH_EXPECT_EQ(seen.event, BH_HM_PAGE_FAULT);
	BH_EXPECT_EQ(seen.vector, 14);
	BH_EXPECT_EQ(seen.addr, BAD_ADDR);
	BH_EXPECT_EQ(seen.eip, (uint32_t)hmd_pf_insn);
	BH_EXPECT_EQ(seen.process, PROCESS);
	BH_EXPECT_EQ(seen.msg_len, 0);
	BH_EXPECT(frame_matches(), "frame eip %x esp %x line %u", frame_seen.eip,
		  frame_seen.esp, frame_seen.line);
	BH_EXPECT_EQ(bh_hm_get_error_status(&st), -BH_ENOENT);   /* acknowledged */
	BH_EXPECT_EQ(st.seq, 1);
}

static void case_divide_error(void)
{
	hmd_divide(0);
	BH_EXPECT_EQ(handled, 2);
	BH_EXPECT_EQ(seen.seq, 2);
	BH_EXPECT_EQ(seen.code, BH_ARINC_NUMERIC_ERROR);
	BH_EXPECT_EQ(seen.event, BH_HM_DIVIDE_ERROR);
	BH_EXPECT_EQ(seen.vector, 0);
	BH_EXPECT_EQ(seen.addr, 0);
	BH_EXPECT_EQ(seen.eip, (uint32_t)hmd_div_insn);
	BH_EXPECT_EQ(seen.process, 0);
	BH_EXPECT(frame_matches(), "frame eip %x", frame_seen.eip);
}

/* The newest log record of ours for event ev, or 0. */
static int last_record(uint32_t ev, struct bh_hm_entry *out)
{
	struct bh_hm_entry e[BH_HM_READ_MAX];
	int n = bh_hm_read(e, BH_HM_READ_MAX, 0), found = 0;

	for (int i = 0; i < n; i++)
		if (e[i].partition == me.id && e[i].event == ev) {
			*out = e[i];
			found = 1;
		}
	return found;
}

/* The eip of an application error is its call site: in the status and
 * in the log. */
static void case_app_error(void)
{
	struct bh_hm_entry e;
	int r = hmd_app_error(APP_CODE, "sensor lost", 11);

	BH_EXPECT_EQ(r, 0);
	BH_EXPECT_EQ(handled, 3);
	BH_EXPECT_EQ(seen.code, BH_ARINC_APPLICATION_ERROR);
	BH_EXPECT_EQ(seen.event, BH_HM_APPLICATION_ERROR);
	BH_EXPECT_EQ(seen.vector, 0xffff);
	BH_EXPECT_EQ(seen.error, APP_CODE);
	BH_EXPECT_EQ(seen.eip, (uint32_t)hmd_app_after);
	BH_EXPECT_EQ(seen.msg_len, 11);
	BH_EXPECT(!bh_memcmp(seen.msg, "sensor lost", 11), "message %.11s", seen.msg);
	BH_EXPECT(frame_matches(), "frame eip %x", frame_seen.eip);
	BH_EXPECT(last_record(BH_HM_APPLICATION_ERROR, &e), "no log record");
	BH_EXPECT_EQ(e.eip, (uint32_t)hmd_app_after);
	BH_EXPECT_EQ(e.arinc_code, BH_ARINC_APPLICATION_ERROR);
	BH_EXPECT_EQ(e.action, BH_HM_ACT_DELIVER);
	BH_EXPECT_EQ(e.error_code, APP_CODE);
	BH_EXPECT(last_record(BH_HM_PAGE_FAULT, &e), "no page fault record");
	BH_EXPECT_EQ(e.eip, (uint32_t)hmd_pf_insn);
	BH_EXPECT_EQ(e.arinc_code, BH_ARINC_MEMORY_VIOLATION);
}

/* Kept unacknowledged: readable, acknowledged by its own seq only. */
static void case_ack(void)
{
	struct bh_error_status st;

	how = SKIP_KEEP;
	hmd_divide(0);
	how = SKIP;
	BH_EXPECT_EQ(handled, 4);
	BH_EXPECT_EQ(bh_hm_get_error_status(&st), 0);
	BH_EXPECT_EQ(st.seq, 4);
	BH_EXPECT_EQ(st.unacked, 1);
	BH_EXPECT_EQ(bh_hm_ack(st.seq + 1), -BH_EINVAL);
	BH_EXPECT_EQ(bh_hm_ack(st.seq - 1), -BH_EINVAL);
	BH_EXPECT_EQ(bh_hm_ack(st.seq), 0);
	BH_EXPECT_EQ(bh_hm_ack(st.seq), -BH_ESTATE);
	BH_EXPECT_EQ(bh_hm_get_error_status(&st), -BH_ENOENT);
}

static void case_restarted(void)
{
	BH_EXPECT_EQ(me.start_condition, BH_START_HM_RESTART);
	BH_EXPECT_EQ(me.mode, BH_MODE_COLD_START);
	BH_EXPECT_EQ(bh_hm_get_error_status(&seen), -BH_ENOENT);
	BH_EXPECT_EQ(seen.seq, 0);                 /* the status starts afresh */
}

static BH_NORETURN void escalate(const char *what)
{
	bh_tests_done();
	bh_printf("escalating: %s\n", what);
	bh_console_flush();
	hmd_page_fault(BAD_ADDR);
	bh_panic("%s: not escalated", what);
}

int main(void)
{
	bh_self(&me);
	switch (me.restarts) {
	case 0:
		bh_test_run("hmd-arguments", case_arguments);
		set_handler(SKIP);
		bh_test_run("hmd-page-fault", case_page_fault);
		bh_test_run("hmd-divide-error", case_divide_error);
		bh_test_run("hmd-app-error-call-site", case_app_error);
		bh_test_run("hmd-ack", case_ack);
		how = UNCHANGED;
		escalate("a fault resumed unchanged");
	case 1:
		bh_test_run("hmd-restarted-1", case_restarted);
		set_handler(FAULT_INSIDE);
		escalate("a fault inside the handler");
	case 2:
		bh_test_run("hmd-restarted-2", case_restarted);
		set_handler(SKIP_KEEP);
		hmd_page_fault(BAD_ADDR);          /* delivered, kept */
		escalate("a fault while the last is unacknowledged");
	case 3:
		bh_test_run("hmd-restarted-3", case_restarted);
		bh_virq_enable();
		escalate("a fault with no handler");
	default:
		bh_test_run("hmd-restarted-4", case_restarted);
		bh_tests_done();
		bh_shutdown(0);
		bh_panic("shutdown refused");
	}
}
