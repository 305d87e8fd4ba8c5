/* gf-chart-export.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-chart-layout.h"
#include "gf-chart-render.h"

G_BEGIN_DECLS


/* The size of an exported chart in points: 10 × 5.625 in, a 16:9 slide. */
#define GF_CHART_EXPORT_WIDTH  720.0
#define GF_CHART_EXPORT_HEIGHT 405.0
#define GF_CHART_EXPORT_DPI    300.0


GfChartSpec        *gf_chart_export_spec               (const GfChartSpec       *spec);
gboolean            gf_chart_export_file               (const GfChartSpec       *spec,
                                                        GfChartFormat            format,
                                                        const char              *path,
                                                        GError                 **error);
void                gf_chart_export_file_async         (const GfChartSpec       *spec,
                                                        GfChartFormat            format,
                                                        const char              *path,
                                                        gpointer                 source_object,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
gboolean            gf_chart_export_file_finish        (GAsyncResult            *result,
                                                        GError                 **error);
void                gf_chart_export_choose_file        (GtkWidget               *widget,
                                                        const GfChartSpec       *spec,
                                                        GfChartFormat            format,
                                                        const char              *file_stem);

char               *gf_chart_export_tsv                (const GfChartSpec       *spec,
                                                        const char              *category_header);
char               *gf_chart_export_column_title       (const GfChartSpec       *spec,
                                                        guint                    series);
GdkTexture         *gf_chart_export_texture            (const GfChartSpec       *spec,
                                                        double                   scale);
GdkContentProvider *gf_chart_export_content_provider   (const GfChartSpec       *spec,
                                                        const char              *category_header);
void                gf_chart_export_copy               (GtkWidget               *widget,
                                                        const GfChartSpec       *spec,
                                                        const char              *category_header);

GtkPrintOperationResult gf_chart_export_print          (const GfChartSpec       *spec,
                                                        GtkWindow               *parent,
                                                        GtkPrintOperationAction  action,
                                                        const char              *export_path,
                                                        GError                 **error);

void                gf_chart_export_print_dialog       (GtkWidget               *widget,
                                                        const GfChartSpec       *spec);

G_END_DECLS
