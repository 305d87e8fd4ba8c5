/* gf-import-dialog.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gf-import.h"

G_BEGIN_DECLS

#define GF_TYPE_IMPORT_DIALOG (gf_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GfImportDialog, gf_import_dialog, GF, IMPORT_DIALOG, AdwMessageDialog)

GfImportDialog *gf_import_dialog_new          (GtkWindow       *parent,
                                               gboolean         for_export,
                                               GFile           *file);
GfImportKind    gf_import_dialog_get_kind     (GfImportDialog  *self);
GfImportFlags   gf_import_dialog_get_flags    (GfImportDialog  *self);
GFile          *gf_import_dialog_get_file     (GfImportDialog  *self);
const char     *gf_import_kind_get_label      (GfImportKind     kind);
const char     *gf_import_kind_get_extension  (GfImportKind     kind);
GfImportKind    gf_import_kind_guess          (GFile           *file);

G_END_DECLS
