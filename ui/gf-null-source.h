/* gf-null-source.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define GF_TYPE_NULL_SOURCE (gf_null_source_get_type ())

G_DECLARE_FINAL_TYPE (GfNullSource, gf_null_source, GF, NULL_SOURCE, ShumateMapSource)

ShumateMapSource *gf_null_source_new (void);

G_END_DECLS
