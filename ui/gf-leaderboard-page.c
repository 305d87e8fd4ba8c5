/* gf-leaderboard-page.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leaderboard (比拼晾晒). Until the ranking lands it says what they will show and which years
 * the database holds.
 */

#define G_LOG_DOMAIN "gf-leaderboard-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gf-leaderboard-page.h"

struct _GfLeaderboardPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (GfLeaderboardPage, gf_leaderboard_page, GTK_TYPE_WIDGET)

static void
gf_leaderboard_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_LEADERBOARD_PAGE);

  G_OBJECT_CLASS (gf_leaderboard_page_parent_class)->dispose (object);
}

static void
gf_leaderboard_page_class_init (GfLeaderboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_leaderboard_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-leaderboard-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gf-leaderboard-page");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfLeaderboardPage, status_page);
}

static void
gf_leaderboard_page_init (GfLeaderboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * gf_leaderboard_page_set_summary:
 * @summary: (nullable): the district's summary; nothing of it is kept
 */
void
gf_leaderboard_page_set_summary (GfLeaderboardPage    *self,
                            const GfSummary *summary)
{
  g_autofree char *description = NULL;

  g_return_if_fail (GF_IS_LEADERBOARD_PAGE (self));

  if (summary == NULL || summary->first_year <= 0)
    description = g_strdup (_("The ranking of clusters in the common-prosperity competition, "
                              "scored on completed tasks, growth of the indicators and "
                              "activity, will be shown here. Import indicator values to see "
                              "it."));
  else if (summary->first_year == summary->last_year)
    /* Translators: %d is a year */
    description = g_strdup_printf (_("The ranking of clusters in the common-prosperity "
                                     "competition, scored on completed tasks, growth of the "
                                     "indicators and activity, will be shown here. The "
                                     "database holds indicator values for %d."),
                                   summary->first_year);
  else
    /* Translators: the first and the last year with data, as in “2021–2024” */
    description = g_strdup_printf (_("The ranking of clusters in the common-prosperity "
                                     "competition, scored on completed tasks, growth of the "
                                     "indicators and activity, will be shown here. The "
                                     "database holds indicator values for %d–%d."),
                                   summary->first_year, summary->last_year);

  adw_status_page_set_description (self->status_page, description);
}
