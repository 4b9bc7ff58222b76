/* GDT layout shared by C and assembly. */
#ifndef ARCH_SEG_H
#define ARCH_SEG_H

#define SEG_KCODE  0x08
#define SEG_KDATA  0x10
#define SEG_UCODE  0x1b    /* GDT index 3, RPL 3 */
#define SEG_UDATA  0x23    /* GDT index 4, RPL 3 */
#define SEG_TSS    0x28
#define SEG_DF_TSS 0x30    /* the double-fault task */
#define SEG_NMI_TSS 0x38   /* the NMI task */
#define SEG_UTLS   0x43    /* GDT index 8, RPL 3: the running partition's TLS */
#define GDT_UTLS    8
#define GDT_ENTRIES 9

#define T_IRQ0      0x20   /* PIC lines 0..15 at 0x20..0x2f */
#define T_NMI       2
#define T_GP        13
#define T_PF        14
#define T_MC        18

#endif
