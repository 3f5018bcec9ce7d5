#pragma once

#include <string_view>

#include "core/model/LinkKind.h"

namespace scalelab::core {

/// Whether a link parameter means something on a link of this kind: `latency_ms` on every
/// kind, `weight` on request links (weighted balancing), `lag_ms` and `mode` on replication
/// links. The file format accepts all of them on any link; the inspector shows only these.
bool linkParamApplies(LinkKind kind, std::string_view param);

} // namespace scalelab::core
