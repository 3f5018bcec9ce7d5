#include "core/model/LinkParams.h"

namespace scalelab::core {

bool linkParamApplies(LinkKind kind, std::string_view param)
{
    if (param == "weight")
        return kind == LinkKind::Request;
    if (param == "lag_ms" || param == "mode")
        return kind == LinkKind::Replication;
    return true;
}

} // namespace scalelab::core
