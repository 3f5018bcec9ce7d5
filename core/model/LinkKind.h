#pragma once

#include <optional>
#include <string_view>

namespace scalelab::core {

/// What travels over a link. The kinds, their names in files and which node kinds each may
/// join are data in the kind registry (KindRegistry::linkKinds, KindSpec::sends).
enum class LinkKind { Request, Replication, Session, Publish, Consume };

} // namespace scalelab::core
