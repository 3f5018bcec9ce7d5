#pragma once

#include "core/model/KindSpec.h"

#include <string_view>
#include <vector>

namespace scalelab::core {

/// The one table of node kinds and their parameters. Loader, validator, inspector,
/// simulator and report all read it; a parameter is declared nowhere else.
class KindRegistry {
public:
    static const KindRegistry& instance();

    const std::vector<KindSpec>& kinds() const { return m_kinds; }
    const KindSpec* find(std::string_view kind) const;
    std::vector<std::string> kindNames() const;

    /// Parameters of a link (latency_ms, weight, lag_ms), declared like a kind's.
    const KindSpec& link() const { return m_link; }

private:
    KindRegistry();
    std::vector<KindSpec> m_kinds;
    KindSpec m_link;
};

/// Latency profile of a database engine: service times are multiplied by these factors.
struct EngineProfile {
    double readFactor = 1.0;
    double writeFactor = 1.0;
};
EngineProfile engineProfile(std::string_view engine);

} // namespace scalelab::core
