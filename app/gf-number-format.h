/* gf-number-format.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *gf_number_format_grouped           (double       value,
                                              int          decimals);
char     *gf_number_format_percent_signed    (double       value,
                                              int          decimals);
char     *gf_number_format_auto              (double       value);
int       gf_number_format_decimals_for_step (double       step);
int       gf_number_format_auto_decimals     (double       value);
gboolean  gf_unit_scale_choose               (const char  *unit,
                                              double       max_abs,
                                              const char **scaled_unit,
                                              double      *divisor);

G_END_DECLS
