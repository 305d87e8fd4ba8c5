/* gf-records-page.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-summary.h"

G_BEGIN_DECLS

#define GF_TYPE_RECORDS_PAGE (gf_records_page_get_type ())

G_DECLARE_FINAL_TYPE (GfRecordsPage, gf_records_page, GF, RECORDS_PAGE, GtkWidget)

void gf_records_page_set_summary (GfRecordsPage   *self,
                                  const GfSummary *summary);

G_END_DECLS
