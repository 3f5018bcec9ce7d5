#include "core/validation/LinkRules.h"

#include "core/model/KindRegistry.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace scalelab::core {

namespace {
// "Web server" -> "web server" inside a sentence; acronyms ("DNS") stay as they are.
std::string lowerName(const KindSpec& spec)
{
    std::string name = spec.displayName;
    if (name.size() > 1 && !std::isupper(static_cast<unsigned char>(name[1])))
        name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    return name;
}
} // namespace

LinkKind linkKindBetween(const Node& from, const Node& to)
{
    return from.is("database") && to.is("database") ? LinkKind::Replication : LinkKind::Request;
}

std::optional<std::string> linkRefusal(const Node& from, const Node& to, LinkKind kind)
{
    if (from.id == to.id)
        return "a node cannot link to itself";
    if (kind == LinkKind::Replication) {
        if (!from.is("database") || !to.is("database"))
            return "replication links go from a database to a database";
        if (from.text("role") != "master")
            return fmt::format("replication links start at a master; '{}' is a replica",
                               from.id.str());
        if (to.text("role") != "replica")
            return fmt::format("'{}' is a master; set its role to replica to replicate to it",
                               to.id.str());
        return std::nullopt;
    }
    const KindSpec* fromSpec = from.spec();
    const KindSpec* toSpec = to.spec();
    if (!fromSpec || !toSpec)
        return std::nullopt; // unknown kinds are reported on their own
    if (to.is("client"))
        return "clients send requests; nothing sends requests to a client";
    if (from.is("client") && to.network() == Network::Private)
        return fmt::format("'{}' is on the private network: web servers behind a load balancer "
                           "are reachable only through it",
                           to.id.str());
    if (fromSpec->sendsTo.empty())
        return fmt::format("a {} answers requests itself; it sends none on",
                           lowerName(*fromSpec));
    if (std::find(fromSpec->sendsTo.begin(), fromSpec->sendsTo.end(), to.kind.str()) ==
        fromSpec->sendsTo.end()) {
        std::string allowed;
        for (const auto& k : fromSpec->sendsTo) {
            const KindSpec* s = KindRegistry::instance().find(k);
            allowed += (allowed.empty() ? "" : ", ") + (s ? s->displayName : k);
        }
        return fmt::format("a {} sends requests only to: {}", lowerName(*fromSpec), allowed);
    }
    return std::nullopt;
}

} // namespace scalelab::core
