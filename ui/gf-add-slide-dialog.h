/* gf-add-slide-dialog.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-briefing.h"
#include "gf-database.h"

G_BEGIN_DECLS

gboolean gf_add_slide_to_briefing     (GfDatabase     *db,
                                       gint64          briefing_id,
                                       const char     *new_name,
                                       const GfSlide  *slide,
                                       char          **out_name,
                                       GError        **error);
void     gf_add_slide_dialog_present  (GtkWidget      *parent,
                                       GfDatabase     *db,
                                       const GfSlide  *slide);

G_END_DECLS
