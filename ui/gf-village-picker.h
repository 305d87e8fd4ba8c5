/* gf-village-picker.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-database.h"

G_BEGIN_DECLS

/* The palette of the charts has 12 colours: one per village compared. */
#define GF_VILLAGE_PICKER_MAX 12

#define GF_TYPE_VILLAGE_ITEM (gf_village_item_get_type ())

G_DECLARE_FINAL_TYPE (GfVillageItem, gf_village_item, GF, VILLAGE_ITEM, GObject)

gint64      gf_village_item_get_id     (GfVillageItem *self);
const char *gf_village_item_get_name   (GfVillageItem *self);
const char *gf_village_item_get_code   (GfVillageItem *self);
const char *gf_village_item_get_town   (GfVillageItem *self);
gboolean    gf_village_item_get_chosen (GfVillageItem *self);

#define GF_TYPE_VILLAGE_PICKER (gf_village_picker_get_type ())

G_DECLARE_FINAL_TYPE (GfVillagePicker, gf_village_picker, GF, VILLAGE_PICKER, GtkWidget)

GtkWidget    *gf_village_picker_new          (void);
gboolean      gf_village_picker_load         (GfVillagePicker  *self,
                                              GfDatabase       *db,
                                              GError          **error);
gboolean      gf_village_picker_is_loading   (GfVillagePicker  *self);
GListModel   *gf_village_picker_get_model    (GfVillagePicker  *self);
void          gf_village_picker_set_search   (GfVillagePicker  *self,
                                              const char       *text);
gboolean      gf_village_picker_set_chosen   (GfVillagePicker  *self,
                                              gint64            id,
                                              gboolean          chosen);
void          gf_village_picker_clear        (GfVillagePicker  *self);
const gint64 *gf_village_picker_get_chosen   (GfVillagePicker  *self,
                                              guint            *n_chosen);
guint         gf_village_picker_get_n_villages (GfVillagePicker *self);
const char   *gf_village_picker_get_message  (GfVillagePicker  *self);

G_END_DECLS
