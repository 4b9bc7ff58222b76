/*
 * The RTEMS virtualization layer (rtems_virt.h) on libpart: interrupt
 * levels, vectors, idle, fatal stop, console, clock, faults, workspace,
 * thread-local storage.
 */
#include "libpart.h"
#include "rtems_virt.h"
#include "uart16550.h"

#define UART_BAUD 115200u

extern char _rodata_end[];      /* libpart/guest.ld */

/* -------------------------------------------------------------- levels -- */

/*
 * The virtualpok libcpu's disable is void and its macro never writes the
 * level variable, so the restore cannot rely on its argument: each
 * disable pushes the level it found (a bit, 1 = disabled) and each enable
 * pops it.  RTEMS pairs them strictly (also across its context switches,
 * which happen with interrupts disabled on both sides), so one stack per
 * partition serves.  Deeper than 32 levels, the inner ones were disabled.
 */
static uint32_t level_bits;
static unsigned level_depth;

static void level_push(void)
{
	unsigned was = bh_virq_disable();

	if (level_depth < 32)
		level_bits = (level_bits & ~(1u << level_depth)) | (was << level_depth);
	level_depth++;
}

/* The level the matching disable found; the argument if there was none. */
static unsigned level_pop(int level)
{
	if (level_depth == 0)
		return level != 0;
	level_depth--;
	return level_depth < 32 ? (level_bits >> level_depth) & 1u : 1u;
}

void _CPU_Virtual_Interrupts_disable(int level)
{
	level_push();
}

void _CPU_Virtual_Interrupts_enable(int level)
{
	bh_virq_restore(level_pop(level));
}

void _CPU_Virtual_Interrupts_flash(int level)
{
	_CPU_Virtual_Interrupts_enable(level);
	_CPU_Virtual_Interrupts_disable(level);
}

void _CPU_Virtual_Interrupts_open(void)
{
	level_depth = 0;
	bh_virq_enable();
}

void _CPU_Virtual_Interrupts_close(void)
{
	bh_virq_disable();
}

int _CPU_Virtual_Interrupts_get_level(int level)
{
	return (int)bh_virq_level();
}

/* Upstream RTEMS_PARAVIRT: the saved level is EFLAGS-like (IF = 0x200). */
uint32_t i386_disable_interrupts(void)
{
	return bh_virq_disable() ? 0 : RTEMS_VIRT_EFLAGS_IF;
}

void i386_enable_interrupts(uint32_t level)
{
	bh_virq_restore((level & RTEMS_VIRT_EFLAGS_IF) == 0);
}

void i386_flash_interrupts(uint32_t level)
{
	bh_virq_restore((level & RTEMS_VIRT_EFLAGS_IF) == 0);
	bh_virq_disable();
}

/* _CPU_ISR_Set_level's level: RTEMS's, not EFLAGS's (0 on, else off). */
void i386_set_interrupt_level(uint32_t new_level)
{
	bh_virq_restore(new_level != 0);
}

uint32_t i386_get_interrupt_level(void)
{
	return bh_virq_level();
}

/* ------------------------------------------------------------- vectors -- */

static volatile uint32_t default_isr_count;

/* Used only when the RTOS links no C_dispatch_isr of its own. */
__attribute__((weak)) void C_dispatch_isr(int vector)
{
	default_isr_count++;
}

uint32_t rtems_virt_default_isr_count(void)
{
	return default_isr_count;
}

/*
 * Every requested line comes here, as the BSP's vector: the timer is its
 * clock vector 0.  BSP drivers written for POK do not know that bulkhead
 * masks a hardware line when it fires, so the layer unmasks it once the
 * RTOS has serviced the device.
 */
static void layer_isr(unsigned line, void *arg)
{
	if (line == BH_VIRQ_TIMER) {
		C_dispatch_isr(RTEMS_VIRT_CLOCK_VECTOR);
		return;
	}
	C_dispatch_isr((int)line);
	bh_irq_unmask(line);
}

static int clock_start(void);
static void clock_stop(void);

int _CPU_Virtual_Irq_request(int vector)
{
	if (vector == RTEMS_VIRT_CLOCK_VECTOR)
		return clock_start();
	if (vector < 0 || vector >= RTEMS_VIRT_VECTORS)
		return -BH_EINVAL;
	return bh_virq_register((unsigned)vector, layer_isr, 0);
}

void _CPU_Virtual_Irq_detach(int vector)
{
	if (vector == RTEMS_VIRT_CLOCK_VECTOR)
		clock_stop();
	else if (vector > 0 && vector < RTEMS_VIRT_VECTORS)
		bh_virq_unregister((unsigned)vector);
}

/* ------------------------------------------------------ idle and stop -- */

/*
 * Pending interrupts are taken first (enabling lets them in), so work that
 * makes a task ready is not left waiting a whole major frame; then the rest
 * of the window goes to the schedule.
 */
void _CPU_Virtual_Idle_thread(void)
{
	unsigned level = bh_virq_level();

	bh_virq_enable();
	bh_yield();
	bh_virq_restore(level);
}

void _CPU_Virtual_idle_thread(void)
{
	_CPU_Virtual_Idle_thread();
}

void _CPU_Virtual_Stop_with_error(int error)
{
	bh_panic("RTEMS stopped with error %d (0x%x)", error, (unsigned)error);
}

void _CPU_Virtual_exec_stop_error(int error)
{
	_CPU_Virtual_Stop_with_error(error);
}

static void to_rtems_frame(struct rtems_virt_exception_frame *x,
			   const struct bh_error_status *st,
			   const struct bh_upcall_frame *f)
{
	x->edi = f->edi;
	x->esi = f->esi;
	x->ebp = f->ebp;
	x->esp0 = f->esp;
	x->ebx = f->ebx;
	x->edx = f->edx;
	x->ecx = f->ecx;
	x->eax = f->eax;
	x->idtIndex = st->vector;
	x->faultCode = st->error;
	x->eip = f->eip;
	x->cs = f->cs;
	x->eflags = f->eflags;
}

static void from_rtems_frame(struct bh_upcall_frame *f,
			     const struct rtems_virt_exception_frame *x)
{
	f->edi = x->edi;
	f->esi = x->esi;
	f->ebp = x->ebp;
	f->ebx = x->ebx;
	f->edx = x->edx;
	f->ecx = x->ecx;
	f->eax = x->eax;
	f->eip = x->eip;
	f->eflags = x->eflags;   /* the kernel keeps only the arithmetic flags */
}

/* In the error's upcall: RTEMS's exception path, as on the bare CPU. */
static int layer_fault(const struct bh_error_status *st, struct bh_upcall_frame *frame,
		       void *arg)
{
	struct rtems_virt_exception_frame x;

	to_rtems_frame(&x, st, frame);
	if (&_currentExcHandler == 0 || !_currentExcHandler)
		_CPU_Virtual_exec_stop_error((int)(0x100u + st->vector));
	_currentExcHandler(&x);
	from_rtems_frame(frame, &x);
	return BH_HM_HANDLED;
}

int _BSP_Virtual_faulthandler(void)
{
	return bh_hm_set_handler(RTEMS_VIRT_FAULT_LINE, layer_fault, 0);
}

/* ------------------------------------------------------------- console -- */

static uint16_t uart_port;
static unsigned uart_line;

void rtems_virt_set_uart(uint16_t port, unsigned line)
{
	uart_port = port;
	uart_line = line;
}

int _BSP_Virtual_Console_init(void)
{
	if (!uart_port || uart_ready())
		return 0;
	return uart_init(uart_port, uart_line, UART_BAUD);
}

int rtems_virt_char_poll(void)
{
	return uart_getc();
}

/*
 * Wait for input window by window: the RX interrupt fills the ring, and
 * it can only come in with interrupts enabled, so enable them around the
 * wait and give the rest of the window away.
 */
char _BSP_Virtual_Char_read(void)
{
	unsigned level;
	int c;

	if (!uart_ready())
		return RTEMS_VIRT_NO_CHAR;
	while ((c = uart_getc()) < 0) {
		level = bh_virq_level();
		bh_virq_enable();               /* input already pending comes in */
		if ((c = uart_getc()) < 0)
			bh_yield();
		bh_virq_restore(level);
		if (c >= 0)
			break;
	}
	return (char)c;
}

static void put_char(char c)
{
	/* The console is line-based: drop the '\r' RTEMS sends before '\n'. */
	if (c != '\r')
		bh_putc(c);
}

/*
 * RTEMS passes &ch of a char on its stack (outbyte, printk) as well as
 * string literals (the BSP's greetings).  A literal lies in the image's
 * read-only data and ends with a NUL; a stack character does not.
 */
void _BSP_Virtual_Char_write(char *c)
{
	if (!c)
		return;
	if (c >= _image_start && c < _rodata_end) {
		for (; c < _rodata_end && *c; c++)
			put_char(*c);
		return;
	}
	put_char(*c);
}

/* --------------------------------------------------------------- clock -- */

static uint32_t tick_us = RTEMS_VIRT_DEFAULT_TICK_US;
static uint64_t clock_start_ns;     /* 0: clock not started */
static uint32_t timer_raised_seen;

void rtems_virt_set_tick_us(uint32_t us)
{
	tick_us = us ? us : RTEMS_VIRT_DEFAULT_TICK_US;
}

uint32_t rtems_virt_tick_us(void)
{
	return tick_us;
}

/* The BSP's own tick length wins over rtems_virt_set_tick_us. */
static void take_bsp_tick(void)
{
	if (&pc386_microseconds_per_isr && pc386_microseconds_per_isr)
		tick_us = pc386_microseconds_per_isr;
}

static int clock_start(void)
{
	uint64_t period, now = bh_now_ns();
	int r;

	if (now == 0)
		return -BH_ENOSYS;
	take_bsp_tick();
	period = (uint64_t)tick_us * 1000u;
	r = bh_virq_register(BH_VIRQ_TIMER, layer_isr, 0);
	if (r < 0 && r != -BH_EBUSY)
		return r;
	timer_raised_seen = bh_virq_raised(BH_VIRQ_TIMER);
	clock_start_ns = now;
	return bh_timer_set(BH_CLOCK_WALL, now + period, period);
}

static void clock_stop(void)
{
	bh_timer_cancel(BH_CLOCK_WALL);
	bh_virq_unregister(BH_VIRQ_TIMER);
	clock_start_ns = 0;
}

int _BSP_Virtual_Clock_init(void)
{
	return clock_start();
}

int _BSP_Virtual_Clock_read(void)
{
	uint64_t now;

	if (clock_start_ns == 0)
		return 0;
	now = bh_now_ns();
	return (int)((now - clock_start_ns) / ((uint64_t)tick_us * 1000u));
}

uint32_t rtems_virt_clock_ticks_missed(void)
{
	uint32_t raised = bh_virq_raised(BH_VIRQ_TIMER);
	uint32_t n = raised - timer_raised_seen;

	timer_raised_seen = raised;
	return n ? n - 1 : 0;   /* one of them is the delivery being handled */
}

/* ----------------------------------------------------------- workspace -- */

int _BSP_Virtual_getworkspacearea(void)
{
	uintptr_t start;
	uint32_t size;

	return bh_free_memory(&start, &size) < 0 ? 0 : (int)start;
}

uint32_t _BSP_Virtual_getworkspacesize(void)
{
	uintptr_t start;
	uint32_t size;

	return bh_free_memory(&start, &size) < 0 ? 0 : size;
}

/* ----------------------------------------------------------------- TLS -- */

int rtems_virt_set_tls(const void *base)
{
	int32_t sel = bh_hc1(BH_HC_SET_TLS, (uint32_t)(uintptr_t)base);

	if (sel < 0)
		return sel;
	__asm__ volatile("movw %w0, %%gs" : : "r"(sel) : "memory");
	return 0;
}
