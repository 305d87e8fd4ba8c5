/* gf-accessible.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void gf_accessible_label_drop_down       (GtkDropDown *dropdown);
void gf_accessible_name_mnemonic_button  (GtkButton   *button);
void gf_accessible_name_mnemonic_buttons (GtkWidget   *widget);
void gf_accessible_keep_label            (GtkWidget   *widget);
void gf_accessible_name_icon_buttons     (GtkWidget   *widget);

G_END_DECLS
