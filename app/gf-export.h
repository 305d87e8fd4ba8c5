/* gf-export.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gf-import.h"

G_BEGIN_DECLS

GBytes   *gf_export_bytes (GfDatabase     *db,
                           GfImportKind    kind,
                           GCancellable   *cancellable,
                           GError        **error);
gboolean  gf_export_file  (GfDatabase     *db,
                           GfImportKind    kind,
                           GFile          *file,
                           GCancellable   *cancellable,
                           GError        **error);

G_END_DECLS
