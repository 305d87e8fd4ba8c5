/* gf-test-core.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the core tests share: fixtures made from CSV text.
 */

#pragma once

#include "gf-import.h"

G_BEGIN_DECLS

guint gf_test_import_text (GfDatabase   *db,
                           GfImportKind  kind,
                           const char   *text);

G_END_DECLS
