#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace {
// A resolver answers lookups itself: a plain c-server queue with no calls.
std::string dnsLoadRemedy(const Node&, const NodeEstimate&)
{
    return "raise the DNS workers or lower dns_lookup_ratio (longer TTL)";
}

std::string dnsSpofRemedy(const ModelContext&, std::size_t)
{
    return "use redundant name servers";
}
} // namespace

extern const AnalysisModel kDnsModel{KindRole::Dns, nullptr, &dnsLoadRemedy, &dnsSpofRemedy};

} // namespace scalelab::core
