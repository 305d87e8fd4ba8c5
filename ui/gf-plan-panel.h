/* gf-plan-panel.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-layout.h"
#include "gf-map-data.h"

G_BEGIN_DECLS

#define GF_TYPE_PLAN_PANEL (gf_plan_panel_get_type ())

G_DECLARE_FINAL_TYPE (GfPlanPanel, gf_plan_panel, GF, PLAN_PANEL, GtkWidget)

void           gf_plan_panel_set_context        (GfPlanPanel    *self,
                                                 GfDatabase     *database,
                                                 GfMapData      *data);
GfLayoutDraft *gf_plan_panel_get_draft          (GfPlanPanel    *self);
gboolean       gf_plan_panel_new_draft          (GfPlanPanel    *self,
                                                 GError        **error);
gboolean       gf_plan_panel_edit_layout        (GfPlanPanel    *self,
                                                 gint64          layout_id,
                                                 GError        **error);
gboolean       gf_plan_panel_set_active_cluster (GfPlanPanel    *self,
                                                 gint64          cluster_id);
gint64         gf_plan_panel_get_active_cluster (GfPlanPanel    *self);
gboolean       gf_plan_panel_assign_village     (GfPlanPanel    *self,
                                                 int             village);
guint          gf_plan_panel_assign_in_polygon  (GfPlanPanel    *self,
                                                 const double   *xy,
                                                 guint           n_points);
gboolean       gf_plan_panel_save_as            (GfPlanPanel    *self,
                                                 const char     *name,
                                                 GError        **error);
GListModel    *gf_plan_panel_get_totals_model   (GfPlanPanel    *self);
char          *gf_plan_panel_get_totals_text    (GfPlanPanel    *self,
                                                 gint64          cluster_id,
                                                 guint           column);
guint          gf_plan_panel_get_n_warnings     (GfPlanPanel    *self);
gboolean       gf_plan_panel_is_updating        (GfPlanPanel    *self);
void           gf_plan_panel_flush              (GfPlanPanel    *self);
GtkWindow     *gf_plan_panel_get_dialog         (GfPlanPanel    *self);

G_END_DECLS
