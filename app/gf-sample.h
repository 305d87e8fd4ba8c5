/* gf-sample.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gf-import.h"

G_BEGIN_DECLS

gboolean gf_sample_load (GfDatabase      *db,
                         GfProgressFunc   progress,
                         gpointer         progress_data,
                         GCancellable    *cancellable,
                         GError         **error);

G_END_DECLS
