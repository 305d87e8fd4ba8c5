/* gf-window-private.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gf-charts-page.h"
#include "gf-leaderboard-page.h"
#include "gf-map-page.h"
#include "gf-records-page.h"
#include "gf-summary.h"
#include "gf-window.h"

G_BEGIN_DECLS

typedef enum
{
  GF_WINDOW_TASK_NONE,
  GF_WINDOW_TASK_SAMPLE,
  GF_WINDOW_TASK_IMPORT,
  GF_WINDOW_TASK_EXPORT,
} GfWindowTask;

struct _GfWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  GtkDropDown          *year_dropdown;
  GtkStringList        *years;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *primary_menu_button;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkRevealer          *sample_revealer;
  GtkRevealer          *task_revealer;
  GtkLabel             *task_label;
  GtkProgressBar       *task_progress;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkButton            *load_sample_button;
  GtkProgressBar       *sample_progress;
  AdwViewStack         *view_stack;
  GfMapPage            *map_page;
  GfChartsPage         *charts_page;
  GfLeaderboardPage    *leaderboard_page;
  GfRecordsPage        *records_page;
  AdwViewSwitcherBar   *switcher_bar;

  /* Owned */
  GSettings            *settings;
  GfDatabase           *database;
  GfSummary            *summary;
  GCancellable         *task_cancellable;
  GCancellable         *summary_cancellable;  /* the reload in flight, or NULL */
  GtkNativeDialog      *chooser;

  gulong                changed_handler;
  GfWindowTask          task;
  int                   year;            /* 0: the last year with data */
  guint                 updating_years : 1;
};

void _gf_window_class_actions_init  (GtkWidgetClass *widget_class);
void _gf_window_update_actions      (GfWindow       *self);
void _gf_window_reload              (GfWindow       *self);
void _gf_window_cancel_task         (GfWindow       *self);

G_END_DECLS
