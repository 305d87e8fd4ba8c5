/* gf-preferences-window.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GF_TYPE_PREFERENCES_WINDOW (gf_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (GfPreferencesWindow, gf_preferences_window, GF, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GfPreferencesWindow *gf_preferences_window_new                 (GSettings           *settings);
void                 gf_preferences_window_choose_mbtiles_file (GfPreferencesWindow *self,
                                                                GFile               *file);

G_END_DECLS
