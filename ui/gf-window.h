/* gf-window.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gf-database.h"

G_BEGIN_DECLS

#define GF_TYPE_WINDOW (gf_window_get_type ())

G_DECLARE_FINAL_TYPE (GfWindow, gf_window, GF, WINDOW, AdwApplicationWindow)

GfWindow   *gf_window_new           (gpointer     application);
gboolean    gf_window_open_path     (GfWindow    *self,
                                     const char  *path,
                                     gboolean     first_run,
                                     gboolean     remember);
void        gf_window_set_database  (GfWindow    *self,
                                     GfDatabase  *database,
                                     gboolean     first_run);
GfDatabase *gf_window_get_database  (GfWindow    *self);
int         gf_window_get_year      (GfWindow    *self);
gboolean    gf_window_is_loading    (GfWindow    *self);
void        gf_window_add_toast     (GfWindow    *self,
                                     const char  *title);
void        gf_window_show_error    (GfWindow    *self,
                                     const char  *heading,
                                     const char  *body);

G_END_DECLS
