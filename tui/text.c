/*
 * text.c - display widths, fitting and wrapping of UTF-8 text (see text.h).
 */
#include "tui/text.h"

#include <string.h>
#include <wchar.h>

size_t
text_next(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[0], min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		goto bad;
	if (len < n)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates and beyond Unicode. */
	if (c < min || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		goto bad;
	*cp = c;
	return n;
bad:
	*cp = '?';
	return 1;
}

bool
text_cp_printable(unsigned cp, bool utf8)
{
	if (cp < 0x20 || cp == 0x7f)
		return false;
	if (cp < 0x7f)
		return true;
	if (!utf8 || (cp >= 0x80 && cp < 0xa0))
		return false;
	return wcwidth((wchar_t)cp) >= 0;
}

int
text_cp_width(unsigned cp, bool utf8)
{
	int w;

	if (!text_cp_printable(cp, utf8))
		return 1;
	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
text_width(const char *s, size_t len, bool utf8)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		unsigned cp;

		i += text_next(s + i, len - i, &cp);
		w += text_cp_width(cp, utf8);
	}
	return w;
}

size_t
text_fit(const char *s, size_t len, int width, bool utf8, int *used)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		unsigned cp;
		size_t n = text_next(s + i, len - i, &cp);
		int cw = text_cp_width(cp, utf8);

		if (w + cw > width)
			break;
		w += cw;
		i += n;
	}
	if (used != NULL)
		*used = w;
	return i;
}

size_t
text_wrap_row(const char *s, size_t len, int width, bool utf8, size_t *next)
{
	size_t i = 0, brk = 0, nl;
	bool have_brk = false;
	int w = 0;

	for (nl = 0; nl < len && s[nl] != '\n'; nl++)
		;
	if (width < 1)
		width = 1;
	while (i < nl) {
		unsigned cp;
		size_t n = text_next(s + i, nl - i, &cp);
		int cw = text_cp_width(cp, utf8);

		if (w + cw > width)
			break;
		if (cp == ' ') {
			brk = i;
			have_brk = true;
		}
		w += cw;
		i += n;
	}
	if (i >= nl) {
		/* The rest of the paragraph fits. */
		*next = nl < len ? nl + 1 : len;
		return nl;
	}
	if (s[i] == ' ')
		brk = i, have_brk = true;
	if (!have_brk || brk == 0) {
		/* A word longer than the row: cut it (at least one character,
		 * so a zero-width row never loops). */
		if (i == 0)
			i = text_next(s, nl, &(unsigned){ 0 });
		brk = i;
	}
	*next = brk;
	while (*next < nl && s[*next] == ' ')
		(*next)++;
	if (*next == nl && nl < len)
		(*next)++;
	/* No trailing spaces on the row itself. */
	while (brk > 0 && s[brk - 1] == ' ')
		brk--;
	return brk;
}

int
text_wrap_rows(const char *s, size_t len, int width, bool utf8)
{
	size_t at = 0;
	int rows = 0;

	do {
		size_t next;

		text_wrap_row(s + at, len - at, width, utf8, &next);
		at += next;
		rows++;
	} while (at < len);
	return rows;
}

size_t
text_sanitize(const char *in, size_t len, int col0, char *out, size_t outlen,
    bool *cut)
{
	size_t i = 0, o = 0;
	int col = col0;

	*cut = false;
	if (outlen == 0)
		return 0;
	while (i < len) {
		unsigned cp;
		size_t n = text_next(in + i, len - i, &cp);
		const char *add = in + i;
		size_t addn = n;
		char q = '?';
		char spaces[8] = "        ";

		if (cp == '\r' || cp == '\0') {
			i += n;
			continue;
		}
		if (cp == '\t') {
			addn = (size_t)(8 - col % 8);
			add = spaces;
		} else if (cp == '?' && n == 1 && in[i] != '?') {
			add = &q;	/* an invalid byte */
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			add = &q;
			addn = 1;
		}
		if (o + addn > outlen - 1) {
			*cut = true;
			break;
		}
		memcpy(out + o, add, addn);
		o += addn;
		col += cp == '\t' ? (int)addn : 1;
		i += n;
	}
	out[o] = '\0';
	return o;
}
