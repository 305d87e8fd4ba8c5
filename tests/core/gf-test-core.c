/* gf-test-core.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gf-test-core.h"

/**
 * gf_test_import_text:
 * @text: the file's contents, e.g. "code,name\n339901,示例区\n"
 *
 * Imports @text as a file of @kind into @db, failing the test unless every row goes in.
 *
 * Returns: the number of rows imported, at least one
 */
guint
gf_test_import_text (GfDatabase   *db,
                     GfImportKind  kind,
                     const char   *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  g_assert_true (gf_import_bytes (db, kind, bytes, gf_import_kind_to_string (kind),
                                  GF_IMPORT_FLAGS_NONE, &n_rows, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, >, 0);

  return n_rows;
}
