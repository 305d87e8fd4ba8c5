/* gf-output.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GfOutputWriteFunc:
 * @path: the file to write whole: a new, empty temporary file
 * @user_data: what to write
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @path holds the whole file
 */
typedef gboolean (*GfOutputWriteFunc) (const char  *path,
                                       gpointer     user_data,
                                       GError     **error);

gboolean gf_output_write (const char         *path,
                          GQuark              error_domain,
                          int                 error_code,
                          GfOutputWriteFunc   write_func,
                          gpointer            user_data,
                          GError            **error);

G_END_DECLS
