/*
 * What the kernel does once it has booted, kmain's last step.  The build
 * chooses it, not kmain: production images link kernel/core/start.c
 * (validate the configuration, load the partitions, run the schedule), the
 * in-kernel test image links kernel/test/ktest.c instead (run the cases,
 * then exit).  Each defines kernel_start, so an image holding both fails
 * to link, and one holding neither too.
 */
#ifndef CORE_START_H
#define CORE_START_H

void kernel_start(void) __attribute__((noreturn));

#endif
