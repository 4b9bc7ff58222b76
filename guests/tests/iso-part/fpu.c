/* FPU patterns (see fpu_regs.S): distinct per seed in every register. */
#include "iso.h"

struct fpu_pattern {
	uint16_t fcw, pad;
	uint32_t mxcsr;
	int32_t ints[8];
	uint8_t xmm[8][16];
};

void fpu_load(const struct fpu_pattern *p);

void fpu_load_pattern(unsigned seed)
{
	struct fpu_pattern p;
	unsigned i, j;

	/* Rounding control differs per seed in both control registers. */
	p.fcw = (uint16_t)(0x037f | (seed & 3) << 10);
	p.pad = 0;
	p.mxcsr = 0x1f80 | (seed & 3) << 13;
	for (i = 0; i < 8; i++)
		p.ints[i] = (int32_t)(seed * 1000003u + i * 7919u + 1);
	for (i = 0; i < 8; i++)
		for (j = 0; j < 16; j++)
			p.xmm[i][j] = (uint8_t)(seed * 37 + i * 16 * 11 + j * 11 + 1);
	fpu_load(&p);
}

/* fxsave layout: control and status 0..31, st0-7 32..159, xmm0-7 160..287. */
int fpu_diff(const struct fpu_area *a, const struct fpu_area *b, const char **what)
{
	int i;

	for (i = 0; i < 288; i++)
		if (a->b[i] != b->b[i]) {
			*what = i < 32 ? "x87/SSE control or status" :
				i < 160 ? "an x87 st register" : "an xmm register";
			return i;
		}
	return -1;
}
