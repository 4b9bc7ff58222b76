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

enum irq_eoi fake_eoi_for(unsigned line, int *spurious);

#endif
