/* Partition modes test (configs/test/test-modes.c): ids and constants
 * shared by mode-ctl (system), mode-sub (the subject) and mode-peer. */
#ifndef MODES_H
#define MODES_H

#define P_CTL   0
#define P_SUB   1
#define P_PEER  2

/* mode-sub's steps, by its restart count: how it was started. */
enum {
	SUB_POWER_ON,     /* COLD_START, normal start; asks for WARM_START */
	SUB_SELF_WARM,    /* WARM_START by itself; asks for COLD_START */
	SUB_SELF_COLD,    /* COLD_START by itself; page-faults (hm: warm restart) */
	SUB_HM_WARM,      /* WARM_START by the HM; NORMAL; mode-ctl stops it (IDLE) */
	SUB_SYS_COLD,     /* COLD_START by mode-ctl from IDLE; NORMAL */
	SUB_SYS_WARM,     /* WARM_START by mode-ctl; NORMAL; after APP_DELAY
	                     windows raises an application error (hm: warm) */
	SUB_APP_WARM,     /* WARM_START by the HM after the application error */
	SUB_STEPS
};

/* mode-sub's kept word: .data, so a cold start reloads KEPT_IMAGE and a
 * warm start finds what the last incarnation wrote. */
/* Windows mode-sub waits before its application error: mode-ctl, which
 * runs every frame, has read its status by then. */
#define APP_DELAY   20
#define APP_CODE    0x1234u
#define PEER_CODE   0x77u

#define KEPT_IMAGE  1u
#define KEPT_MAGIC  0x5eed0000u

#endif
