/* gf-number-format.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Number formatting for charts, tables and briefings: thousands separators, signed percentages
 * and the choice of a display unit (元 → 万元 → 亿元) from the size of the numbers.
 *
 * The separators are fixed ("12,345.6") rather than taken from LC_NUMERIC: the district's own
 * reports use this form in Chinese and in English, and a chart must not change its numbers when
 * it runs under another locale (a German locale would print "12.345,6").
 */

#define G_LOG_DOMAIN "gf-number-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gf-number-format.h"

/* What a missing or non-finite number is shown as: a dash, never "0" or "nan". */
#define MISSING_TEXT "\xe2\x80\x94"

/* Above this magnitude a fixed-point string would be absurdly long: use scientific notation. */
#define SCIENTIFIC_LIMIT 1e15

typedef struct
{
  const char *unit;
  double      threshold;
  const char *scaled_unit;
  double      divisor;
} UnitRule;

/* Checked in order: the first rule whose unit matches and whose threshold is reached wins. */
static const UnitRule unit_rules[] = {
  { "元",   1e8, "亿元", 1e8 },
  { "元",   1e4, "万元", 1e4 },
  { "万元", 1e4, "亿元", 1e4 },
  { "亩",   1e4, "万亩", 1e4 },
  { "人",   1e4, "万人", 1e4 },
};

static gboolean
has_nonzero_digit (const char *text)
{
  return strpbrk (text, "123456789") != NULL;
}

/**
 * gf_number_format_grouped:
 * @value: the number
 * @decimals: digits after the decimal point (clamped to 0–15)
 *
 * Formats @value with a comma between groups of three digits and a point before the decimals,
 * e.g. "12,345.6" or "-1,234". A value that rounds to zero never gets a minus sign ("0.0", not
 * "-0.0"). NaN and infinities give an em dash, never "0". Magnitudes of 10¹⁵ and more use
 * scientific notation.
 *
 * Returns: (transfer full): the text, to free with g_free()
 */
char *
gf_number_format_grouped (double value,
                          int    decimals)
{
  char format[16];
  char digits[96];
  const char *p;
  gboolean negative = FALSE;
  gsize int_len;
  GString *out;

  if (!isfinite (value))
    return g_strdup (MISSING_TEXT);

  decimals = CLAMP (decimals, 0, 15);

  if (fabs (value) >= SCIENTIFIC_LIMIT)
    {
      g_ascii_formatd (digits, sizeof digits, "%.3e", value);
      return g_strdup (digits);
    }

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (digits, sizeof digits, format, value);

  p = digits;
  if (*p == '-')
    {
      p++;
      negative = has_nonzero_digit (p);
    }

  int_len = strcspn (p, ".");
  out = g_string_sized_new (int_len + int_len / 3 + strlen (p) + 2);
  if (negative)
    g_string_append_c (out, '-');
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, p[i]);
    }
  g_string_append (out, p + int_len);

  return g_string_free (out, FALSE);
}

/**
 * gf_number_format_percent_signed:
 * @value: a percentage (12.5 means 12.5 %)
 * @decimals: digits after the decimal point
 *
 * Formats a change with its sign: "+12.5%", "-3.0%", and "0.0%" for a value that rounds to
 * zero. Grouping applies to large values ("+1,250.0%"). NaN gives an em dash.
 *
 * Returns: (transfer full): the text, to free with g_free()
 */
char *
gf_number_format_percent_signed (double value,
                                 int    decimals)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup (MISSING_TEXT);

  number = gf_number_format_grouped (value, decimals);
  if (number[0] != '-' && has_nonzero_digit (number))
    return g_strconcat ("+", number, "%", NULL);

  return g_strconcat (number, "%", NULL);
}

/**
 * gf_number_format_decimals_for_step:
 * @step: the distance between two ticks
 *
 * Returns: the number of decimals that tells ticks @step apart without trailing noise: 0 for a
 *   step of 1 or more, 1 for 0.5 or 0.1, 2 for 0.05, and so on (at most 15)
 */
int
gf_number_format_decimals_for_step (double step)
{
  int decimals;

  if (!isfinite (step) || step <= 0)
    return 0;

  decimals = (int) ceil (-log10 (step) - 1e-9);

  return CLAMP (decimals, 0, 15);
}

/**
 * gf_number_format_auto_decimals:
 * @value: a number to show on its own (a data label or a hover value)
 *
 * Returns: a number of decimals that keeps about three significant digits: 0 from 1,000 up,
 *   1 from 10, 2 from 1, and more for smaller magnitudes
 */
int
gf_number_format_auto_decimals (double value)
{
  double magnitude = fabs (value);
  int decimals;

  if (!isfinite (magnitude) || magnitude == 0 || magnitude >= 1000)
    return 0;
  if (magnitude >= 10)
    return 1;
  if (magnitude >= 1)
    return 2;

  decimals = (int) ceil (-log10 (magnitude) - 1e-9) + 2;

  return CLAMP (decimals, 2, 15);
}

/**
 * gf_number_format_auto:
 * @value: a number to show on its own
 *
 * Formats @value grouped, with gf_number_format_auto_decimals() decimals.
 *
 * Returns: (transfer full): the text, to free with g_free()
 */
char *
gf_number_format_auto (double value)
{
  return gf_number_format_grouped (value, gf_number_format_auto_decimals (value));
}

/**
 * gf_unit_scale_choose:
 * @unit: (nullable): the unit of the stored values, e.g. "元", "万元", "亩"
 * @max_abs: the largest absolute value that will be shown with this unit
 * @scaled_unit: (out) (optional) (transfer none): the unit to display; @unit itself when no
 *   scaling applies (a static string otherwise)
 * @divisor: (out) (optional): what to divide the values by to express them in @scaled_unit
 *
 * Chooses the display unit from the size of the numbers, once per axis:
 * 元 becomes 万元 from 10,000 元 and 亿元 from 10⁸ 元; 万元 becomes 亿元 from 10,000 万元;
 * 亩 becomes 万亩 and 人 becomes 万人 from 10,000. Every other unit (元/亩, 个, %, …) is left
 * alone with a divisor of 1, as is any unit when @max_abs is not finite.
 *
 * Returns: %TRUE if the unit was scaled
 */
gboolean
gf_unit_scale_choose (const char  *unit,
                      double       max_abs,
                      const char **scaled_unit,
                      double      *divisor)
{
  if (scaled_unit != NULL)
    *scaled_unit = unit;
  if (divisor != NULL)
    *divisor = 1.0;

  if (unit == NULL || !isfinite (max_abs))
    return FALSE;

  max_abs = fabs (max_abs);

  for (guint i = 0; i < G_N_ELEMENTS (unit_rules); i++)
    {
      if (strcmp (unit, unit_rules[i].unit) != 0 || max_abs < unit_rules[i].threshold)
        continue;

      if (scaled_unit != NULL)
        *scaled_unit = unit_rules[i].scaled_unit;
      if (divisor != NULL)
        *divisor = unit_rules[i].divisor;

      return TRUE;
    }

  return FALSE;
}
