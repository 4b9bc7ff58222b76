/*
 * Shared by port-tx, port-rx, port-mon and port-rs
 * (configs/test/test-ports.c: keep equal).
 * The sender writes a sampling message and queues messages until the
 * queue is full, every frame, until STOP_NS; the receiver drains in its
 * own window and checks order, contents and notifications.
 */
#ifndef TEST_PORTS_H
#define TEST_PORTS_H

#include <stdint.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define MSG_MAX      64
#define DEPTH        4
#define REFRESH_US   30000u
/* From boot: the schedule starts at ~60 ms on one CPU, ~190 ms on two
 * under -icount (each AP's INIT wait and TSC rounds; case smp2-ports). */
#define STOP_NS      300000000ull      /* the sender stops writing here */
#define END_NS       470000000ull      /* the receiver ends the run here */
#define LINE_QUEUE   18                /* port-rx: q-in */
#define LINE_SAMPLE  19                /* port-rx: s-in */
#define LINE_ROOM    20                /* port-tx: q-out has room again */
#define AREA         ((volatile uint32_t *)0x7f000000)   /* "telemetry" */
#define AREA_WORDS   (0x2000 / 4)
#define AREA_MAGIC   0x41524541u       /* area[0] once port-tx filled it */
#define MON_ID       2                 /* port-mon's partition id */
#define FAULT_WORD   100               /* port-mon writes area[FAULT_WORD] */
#define RS_ID        3                 /* port-rs's partition id */
#define RS_STATE     ((volatile uint32_t *)0x7f400000)   /* "rs-state" */
#define RS_LIVES     4                 /* port-rs restarts itself 3 times */

/* Message seq: 4..64 bytes, the seq then bytes derived from it. */
static inline uint32_t msg_len(uint32_t seq)
{
	return 4 + seq % 61;
}

static inline void msg_fill(uint8_t *m, uint32_t seq)
{
	*(uint32_t *)m = seq;
	for (uint32_t i = 4; i < msg_len(seq); i++)
		m[i] = (uint8_t)(seq * 7 + i);
}

/* 0 if m (len bytes) is message seq intact. */
static inline int msg_bad(const uint8_t *m, uint32_t len, uint32_t seq)
{
	if (len != msg_len(seq) || *(const uint32_t *)m != seq)
		return 1;
	for (uint32_t i = 4; i < len; i++)
		if (m[i] != (uint8_t)(seq * 7 + i))
			return 1;
	return 0;
}

#endif
