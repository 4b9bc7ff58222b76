/* What a unit test sees of the fake architecture (fake_arch.c). */
#ifndef FAKE_ARCH_H
#define FAKE_ARCH_H

#include <setjmp.h>
#include <stdint.h>

extern jmp_buf *fake_escape;        /* arch_idle and panic longjmp here */
extern unsigned fake_idles, fake_panics;
extern int fake_resets;
extern uint16_t fake_irq_mask;
extern char fake_console[8192];
extern unsigned fake_console_len;
extern uint64_t fake_cycles;          /* the time base's counter, 1 GHz */
extern uint32_t fake_armed_ns, fake_arms;  /* the one-shot timer's last arming */
extern int fake_tick_one_pass;        /* arch_tick_one_pass's answer (1) */

enum irq_eoi fake_eoi_for(unsigned line, int *spurious);

#endif
