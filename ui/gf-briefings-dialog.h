/* gf-briefings-dialog.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gf-database.h"

G_BEGIN_DECLS

#define GF_TYPE_BRIEFINGS_DIALOG (gf_briefings_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GfBriefingsDialog, gf_briefings_dialog, GF, BRIEFINGS_DIALOG, AdwWindow)

GfBriefingsDialog *gf_briefings_dialog_new          (GtkWindow          *parent,
                                                     GfDatabase         *database);
gint64             gf_briefings_dialog_get_selected (GfBriefingsDialog  *self);
void               gf_briefings_dialog_select       (GfBriefingsDialog  *self,
                                                     gint64              briefing_id);
void               gf_briefings_dialog_export       (GfBriefingsDialog  *self,
                                                     GFile              *file);

G_END_DECLS
