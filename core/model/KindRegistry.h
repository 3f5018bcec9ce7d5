#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/model/KindSpec.h"

namespace scalelab::core {

/// The one table of node kinds and their parameters. Loader, validator, inspector,
/// simulator and report all read it; a parameter is declared nowhere else.
class KindRegistry {
public:
    static const KindRegistry& instance();

    const std::vector<KindSpec>& kinds() const { return m_kinds; }
    const KindSpec* find(std::string_view kind) const;
    /// The kind that plays a role (one per role).
    const KindSpec* find(KindRole role) const;
    std::vector<std::string> kindNames() const;

    /// Link kinds, in the order files and menus list them.
    const std::vector<LinkKindSpec>& linkKinds() const { return m_linkKinds; }
    const LinkKindSpec& linkKind(LinkKind kind) const;
    const LinkKindSpec* findLinkKind(std::string_view id) const;
    std::vector<std::string> linkKindNames() const;
    /// The kind of link a drawn connection from one kind to another makes: the first the
    /// source kind may send to the target kind; none when no link may join them.
    std::optional<LinkKind> linkKindBetween(std::string_view from, std::string_view to) const;

    /// Parameters of a link (latency_ms, weight, lag_ms), declared like a kind's.
    const KindSpec& link() const { return m_link; }

private:
    KindRegistry();
    std::vector<KindSpec> m_kinds;
    KindSpec m_link;
    std::vector<LinkKindSpec> m_linkKinds;
};

/// Latency profile of a database engine: service times are multiplied by these factors.
struct EngineProfile {
    double readFactor = 1.0;
    double writeFactor = 1.0;
};
EngineProfile engineProfile(std::string_view engine);

} // namespace scalelab::core
