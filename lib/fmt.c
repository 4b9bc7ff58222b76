/*
 * The printf formatter of the kernel, the guests and the host tools (see
 * bhlib.h).  It writes through a cursor that counts every character and
 * stores those that fit, so the return value is the untruncated length,
 * as C's snprintf.
 */
#include <bhlib.h>

struct sink {
	char *buf;
	size_t cap;
	size_t len;
};

struct spec {
	int width;
	int prec;          /* -1: none */
	int longs;         /* number of 'l' */
	char pad;          /* ' ' or '0' */
	char left;         /* '-' flag */
};

static void emit(struct sink *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void emit_field(struct sink *o, const char *s, size_t n, const struct spec *sp)
{
	int fill = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!sp->left)
		for (; fill > 0; fill--)
			emit(o, sp->pad);
	while (n--)
		emit(o, *s++);
	for (; fill > 0; fill--)
		emit(o, ' ');
}

static void emit_number(struct sink *o, unsigned long long v, int negative,
			unsigned base, int upper, struct spec sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t n = sizeof(tmp);

	do {
		tmp[--n] = digits[v % base];
		v /= base;
	} while (v);
	if (negative) {
		if (sp.pad == '0') {
			emit(o, '-');   /* sign before the zeros: -0042 */
			sp.width--;
		} else {
			tmp[--n] = '-';
		}
	}
	emit_field(o, tmp + n, sizeof(tmp) - n, &sp);
}

static const char *parse_decimal(const char *f, int *out)
{
	for (*out = 0; *f >= '0' && *f <= '9'; f++)
		*out = *out * 10 + (*f - '0');
	return f;
}

/* Parse flags, width, precision and length; returns the conversion char. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1, .pad = ' ' };
	for (; *f == '-' || *f == '0'; f++) {
		if (*f == '-')
			sp->left = 1;
		else
			sp->pad = '0';
	}
	f = parse_decimal(f, &sp->width);
	if (f[0] == '.' && f[1] == '*') {
		sp->prec = va_arg(*ap, int);
		f += 2;
	} else if (*f == '.') {
		f = parse_decimal(f + 1, &sp->prec);
	}
	for (; *f == 'l'; f++)
		sp->longs++;
	if (sp->left)
		sp->pad = ' ';
	return f;
}

static long long arg_signed(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, long long);
	return longs ? va_arg(*ap, long) : va_arg(*ap, int);
}

static unsigned long long arg_unsigned(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, unsigned long long);
	return longs ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned int);
}

static void emit_string(struct sink *o, const char *s, const struct spec *sp)
{
	if (!s)
		s = "(null)";
	emit_field(o, s, sp->prec >= 0 ? bh_strnlen(s, (size_t)sp->prec)
				       : bh_strlen(s), sp);
}

static void convert(struct sink *o, char conv, struct spec *sp, va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i': {
		long long v = arg_signed(ap, sp->longs);
		unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v
					       : (unsigned long long)v;
		emit_number(o, mag, v < 0, 10, 0, *sp);
		break;
	}
	case 'u':
		emit_number(o, arg_unsigned(ap, sp->longs), 0, 10, 0, *sp);
		break;
	case 'x':
	case 'X':
		emit_number(o, arg_unsigned(ap, sp->longs), 0, 16, conv == 'X', *sp);
		break;
	case 'p':       /* zero-padded to the pointer's width */
		emit(o, '0');
		emit(o, 'x');
		*sp = (struct spec){ .width = (int)sizeof(void *) * 2, .prec = -1,
				     .pad = '0' };
		emit_number(o, (uintptr_t)va_arg(*ap, void *), 0, 16, 0, *sp);
		break;
	case 's':
		emit_string(o, va_arg(*ap, const char *), sp);
		break;
	case 'c': {
		char c = (char)va_arg(*ap, int);

		emit_field(o, &c, 1, sp);
		break;
	}
	case '%':
		emit(o, '%');
		break;
	default:        /* unknown: printed as it stands, so the mistake shows */
		emit(o, '%');
		emit(o, conv);
		break;
	}
}

int bh_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap)
{
	struct sink o = { buf, len, 0 };
	struct spec sp;
	va_list args;

	va_copy(args, ap);     /* handed on by address, which va_list allows only for a copy */
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		if (!*fmt)
			break;
		convert(&o, *fmt, &sp, &args);
	}
	va_end(args);
	if (len)
		buf[o.len < len ? o.len : len - 1] = '\0';
	return (int)o.len;
}

int bh_snprintf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = bh_vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}
