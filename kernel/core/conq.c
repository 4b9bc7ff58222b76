/* Console output queues (see core/conq.h). */
#include <bulkhead/errno.h>
#include "core/conq.h"
#include "core/lib.h"

void conq_init(struct conq *q, struct conq_src *src, unsigned n)
{
	q->src = src;
	q->n = n;
	q->cur = CONQ_NONE;
	q->next = 0;
}

void conq_src_init(struct conq_src *s, char *buf, uint32_t size, const char *name)
{
	bh_memset(s, 0, sizeof(*s));
	s->buf = buf;
	s->size = size;
	s->name = name;
}

static uint32_t room(const struct conq_src *s)
{
	return s->size - (s->head - s->tail);
}

/* At most two runs: up to the end of the buffer, then from its start. */
static void copy_in(struct conq_src *s, const char *p, uint32_t len)
{
	uint32_t at = s->head & (s->size - 1);
	uint32_t first = len < s->size - at ? len : s->size - at;

	bh_memcpy(s->buf + at, p, first);
	bh_memcpy(s->buf, p + first, len - first);
	s->head += len;
}

int conq_put(struct conq_src *s, const char *line, uint32_t len, uint32_t keep)
{
	char mark[96];             /* fits a 31-character name and any count */
	uint32_t m = 0;

	if (!len || line[len - 1] != '\n')
		return -BH_EINVAL;     /* a line that never ends would stall the others */
	if (s->dropped)
		m = (uint32_t)bh_snprintf(mark, sizeof(mark), "[%.31s] ... %u bytes dropped\r\n",
					  s->name, s->dropped);
	if ((uint64_t)len + m + keep > room(s)) {
		s->dropped += len;
		s->dropped_total += len;
		return -BH_ENOSPC;
	}
	copy_in(s, mark, m);
	copy_in(s, line, len);
	s->dropped = 0;
	return 0;
}

static int may_use(const struct conq *q, uint32_t allow, unsigned i)
{
	return i == 0 || (i < 32 && (allow >> i) & 1);
}

/* The next source to send a line from, or CONQ_NONE. */
static int pick(struct conq *q, uint32_t allow)
{
	unsigned k;

	if (q->cur >= 0)
		return q->cur;
	for (k = 0; k < q->n; k++) {
		unsigned i = (q->next + k) % q->n;
		const struct conq_src *s = &q->src[i];

		if (s->head != s->tail && may_use(q, allow, i)) {
			q->next = (i + 1) % q->n;
			return (int)i;
		}
	}
	return CONQ_NONE;
}

unsigned conq_take(struct conq *q, uint32_t allow, char *out, unsigned max)
{
	unsigned n = 0;
	int i;

	while (n < max && (i = pick(q, allow)) >= 0) {
		struct conq_src *s = &q->src[i];
		char c = 0;

		q->cur = i;
		while (n < max && s->tail != s->head && c != '\n') {
			c = s->buf[s->tail++ & (s->size - 1)];
			out[n++] = c;
		}
		if (c == '\n')
			q->cur = CONQ_NONE;
		else if (s->tail == s->head)
			break;                 /* cannot happen: lines are queued whole */
	}
	return n;
}

int conq_ready(const struct conq *q, uint32_t allow)
{
	unsigned i;

	if (q->cur >= 0)
		return 1;
	for (i = 0; i < q->n; i++)
		if (q->src[i].head != q->src[i].tail && may_use(q, allow, i))
			return 1;
	return 0;
}

uint32_t conq_queued(const struct conq *q)
{
	uint32_t n = 0;
	unsigned i;

	for (i = 0; i < q->n; i++)
		n += q->src[i].head - q->src[i].tail;
	return n;
}
