#include "core/io/TopologyJson.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/io/JsonDepth.h"
#include "core/model/KindRegistry.h"
#include "core/util/NearestName.h"
#include "core/validation/Limits.h"

namespace scalelab::core {

namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

// Deeper documents are refused before parsing: nothing in the format nests past 5 levels.
constexpr int kMaxDepth = 64;

std::string describe(const json& value)
{
    switch (value.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::boolean:
        return value.get<bool>() ? "true" : "false";
    case json::value_t::string: {
        std::string s = value.get<std::string>();
        if (s.size() > 40)
            s = s.substr(0, 40) + "...";
        return "\"" + s + "\"";
    }
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return value.dump();
    case json::value_t::array:
        return "an array";
    case json::value_t::object:
        return "an object";
    default:
        return "a value of another type";
    }
}

std::string pointerEscape(const std::string& key)
{
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

/// Walks one parsed document and collects every problem instead of stopping at the first.
class Reader {
public:
    Diagnostics diagnostics;

    void error(std::string path, std::string message, std::string node = {})
    {
        diagnostics.push_back(
            {Severity::Error, std::move(path), std::move(message), std::move(node)});
    }
    void warning(std::string path, std::string message, std::string node = {})
    {
        diagnostics.push_back(
            {Severity::Warning, std::move(path), std::move(message), std::move(node)});
    }

    // Unknown keys: a typo in a parameter name is an error, elsewhere a warning (a newer
    // minor addition is still readable).
    void checkKeys(const json& object, const std::string& path,
                   const std::vector<std::string>& known, bool unknownIsError)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (std::find(known.begin(), known.end(), it.key()) != known.end())
                continue;
            std::string msg =
                fmt::format("unknown key '{}'{}", it.key(), didYouMean(it.key(), known));
            const std::string where = path + "/" + pointerEscape(it.key());
            if (unknownIsError)
                error(where, std::move(msg));
            else
                warning(where, msg + "; ignored");
        }
    }

    std::optional<std::string> string(const json& object, const char* key, const std::string& path,
                                      bool required)
    {
        auto it = object.find(key);
        if (it == object.end()) {
            if (required)
                error(path, fmt::format("missing \"{}\"", key));
            return std::nullopt;
        }
        if (!it->is_string()) {
            error(path + "/" + key, "must be a string, got " + describe(*it));
            return std::nullopt;
        }
        return it->get<std::string>();
    }

    std::optional<double> number(const json& object, const char* key, const std::string& path)
    {
        auto it = object.find(key);
        if (it == object.end())
            return std::nullopt;
        if (!it->is_number()) {
            error(path + "/" + key, "must be a number, got " + describe(*it));
            return std::nullopt;
        }
        return it->get<double>();
    }

    /// Converts a JSON value to the type a parameter declares; reports a mismatch.
    std::optional<ParamValue> paramValue(const json& value, const ParamSpec* spec,
                                         const std::string& path, const std::string& node)
    {
        if (!spec) { // unknown parameter: keep its natural type, the validator names it
            if (value.is_boolean())
                return value.get<bool>();
            if (value.is_number_integer() && !value.is_number_unsigned())
                return value.get<std::int64_t>();
            if (value.is_number())
                return value.get<double>();
            if (value.is_string())
                return value.get<std::string>();
            error(path, "must be a number, a string or true/false, got " + describe(value), node);
            return std::nullopt;
        }
        const auto wrongType = [&] {
            error(path, fmt::format("must be {}, got {}", spec->describeRange(), describe(value)),
                  node);
            return std::nullopt;
        };
        switch (spec->type) {
        case ParamType::Boolean:
            if (!value.is_boolean())
                return wrongType();
            return value.get<bool>();
        case ParamType::Choice:
        case ParamType::Text:
            if (!value.is_string())
                return wrongType();
            return value.get<std::string>();
        case ParamType::Real:
            if (!value.is_number())
                return wrongType();
            return value.get<double>();
        case ParamType::Integer: {
            if (value.is_number_unsigned()) {
                if (value.get<std::uint64_t>() >
                    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                    return wrongType();
                return static_cast<std::int64_t>(value.get<std::uint64_t>());
            }
            if (value.is_number_integer())
                return value.get<std::int64_t>();
            if (value.is_number_float()) {
                // 8.0 is an integer written with a decimal point; 8.5 and 1e300 are not.
                const double d = value.get<double>();
                if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e15)
                    return static_cast<std::int64_t>(d);
            }
            return wrongType();
        }
        }
        return std::nullopt;
    }

    void readSimulation(const json& sim, SimulationSettings& out)
    {
        const std::string path = "/simulation";
        if (!sim.is_object()) {
            error(path, "must be an object, got " + describe(sim));
            return;
        }
        checkKeys(sim, path, {"duration_s", "warmup_s", "seed"}, true);
        if (auto d = number(sim, "duration_s", path))
            out.durationS = *d;
        if (auto w = number(sim, "warmup_s", path))
            out.warmupS = *w;
        if (auto it = sim.find("seed"); it != sim.end()) {
            if (it->is_number_unsigned() ||
                (it->is_number_integer() && it->get<std::int64_t>() >= 0))
                out.seed = it->get<std::uint64_t>();
            else
                error(path + "/seed", "must be an integer >= 0, got " + describe(*it));
        }
    }

    void readParams(const json& params, const KindSpec* spec, const std::string& path, Node& node)
    {
        if (!params.is_object()) {
            error(path, "must be an object, got " + describe(params), node.id.str());
            return;
        }
        for (auto it = params.begin(); it != params.end(); ++it) {
            const ParamSpec* p = spec ? spec->param(it.key()) : nullptr;
            if (auto v =
                    paramValue(it.value(), p, path + "/" + pointerEscape(it.key()), node.id.str()))
                node.params[it.key()] = *v;
        }
    }

    std::optional<Node> readNode(const json& item, const std::string& path)
    {
        if (!item.is_object()) {
            error(path, "a node must be an object, got " + describe(item));
            return std::nullopt;
        }
        checkKeys(item, path, {"id", "kind", "name", "pos", "params", "network"}, false);
        Node node;
        auto id = string(item, "id", path, true);
        auto kind = string(item, "kind", path, true);
        if (id && id->empty()) {
            error(path + "/id", "must not be empty");
            id.reset();
        }
        if (!id || !kind)
            return std::nullopt;
        node.id = NodeId{*id};
        node.kind = KindId{*kind};
        if (auto name = string(item, "name", path, false))
            node.name = *name;
        if (auto it = item.find("pos"); it != item.end()) {
            if (it->is_array() && it->size() == 2 && (*it)[0].is_number() && (*it)[1].is_number())
                node.pos = {(*it)[0].get<double>(), (*it)[1].get<double>()};
            else
                error(path + "/pos", "must be [x, y] with two numbers, got " + describe(*it),
                      node.id.str());
        }
        const KindSpec* spec = KindRegistry::instance().find(node.kind.str());
        if (auto it = item.find("params"); it != item.end())
            readParams(*it, spec, path + "/params", node);
        // `network` may also sit beside the params; it is stored as the parameter.
        if (auto it = item.find("network"); it != item.end()) {
            const ParamSpec* p = spec ? spec->param("network") : nullptr;
            if (auto v = paramValue(*it, p, path + "/network", node.id.str()))
                node.params["network"] = *v;
        }
        return node;
    }

    std::optional<Link> readLink(const json& item, const std::string& path)
    {
        if (!item.is_object()) {
            error(path, "a link must be an object, got " + describe(item));
            return std::nullopt;
        }
        const KindSpec& spec = KindRegistry::instance().link();
        std::vector<std::string> known{"from", "to", "kind"};
        for (const auto& p : spec.params)
            known.push_back(p.name);
        checkKeys(item, path, known, true);
        auto from = string(item, "from", path, true);
        auto to = string(item, "to", path, true);
        if (!from || !to)
            return std::nullopt;
        Link link{NodeId{*from}, NodeId{*to}, LinkKind::Request, {}};
        const std::size_t firstProblem = diagnostics.size();
        if (auto kind = string(item, "kind", path, false)) {
            const auto& registry = KindRegistry::instance();
            if (const LinkKindSpec* spec = registry.findLinkKind(*kind))
                link.kind = spec->kind;
            else
                error(path + "/kind",
                      fmt::format("must be one of {}, got \"{}\"",
                                  fmt::join(registry.linkKindNames(), ", "), *kind));
        }
        for (const auto& p : spec.params)
            if (auto it = item.find(p.name); it != item.end())
                if (auto v = paramValue(*it, &p, path + "/" + p.name, {}))
                    link.params[p.name] = *v;
        // Problems of this link carry its key: the editor marks the link itself.
        for (std::size_t d = firstProblem; d < diagnostics.size(); ++d)
            diagnostics[d].link = link.key();
        return link;
    }

    std::optional<ScenarioAction> readAction(const json& item, const std::string& path,
                                             const Topology& topology)
    {
        if (!item.is_object()) {
            error(path, "a scenario step must be an object, got " + describe(item));
            return std::nullopt;
        }
        checkKeys(item, path, {"at_s", "action", "node", "site", "param", "value"}, true);
        ScenarioAction action;
        auto at = number(item, "at_s", path);
        if (!at && !item.contains("at_s"))
            error(path, "missing \"at_s\"");
        auto name = string(item, "action", path, true);
        // fail_site / recover_site name a site instead of a node.
        if (name && (*name == "fail_site" || *name == "recover_site")) {
            auto site = string(item, "site", path, true);
            if (site && site->empty()) {
                error(path + "/site", "must not be empty");
                site.reset();
            }
            if (!at || !site)
                return std::nullopt;
            action.atS = *at;
            action.action = *actionFromString(*name);
            action.site = *site;
            return action;
        }
        auto node = string(item, "node", path, true);
        if (node && node->empty()) {
            error(path + "/node", "must not be empty");
            node.reset();
        }
        if (!at || !name || !node)
            return std::nullopt;
        action.atS = *at;
        action.node = NodeId{*node};
        auto type = actionFromString(*name);
        if (!type) {
            error(path + "/action",
                  fmt::format("unknown action \"{}\"{}; expected fail, recover, set, promote, "
                              "fail_site or recover_site",
                              *name,
                              didYouMean(*name, {"fail", "recover", "set", "promote", "fail_site",
                                                 "recover_site"})));
            return std::nullopt;
        }
        action.action = *type;
        if (action.action == ActionType::Set) {
            auto param = string(item, "param", path, true);
            auto valueIt = item.find("value");
            if (valueIt == item.end())
                error(path, "missing \"value\"");
            if (!param || valueIt == item.end())
                return std::nullopt;
            action.param = *param;
            const Node* target = topology.findNode(action.node);
            const KindSpec* spec = target ? target->spec() : nullptr;
            const ParamSpec* p = spec ? spec->param(action.param) : nullptr;
            auto v = paramValue(*valueIt, p, path + "/value", action.node.str());
            if (!v)
                return std::nullopt;
            action.value = *v;
        }
        return action;
    }

    void readGoals(const json& goals, std::map<std::string, double>& out)
    {
        if (!goals.is_object()) {
            error("/goals", "must be an object, got " + describe(goals));
            return;
        }
        for (auto it = goals.begin(); it != goals.end(); ++it) {
            if (it->is_number())
                out[it.key()] = it->get<double>();
            else
                error("/goals/" + pointerEscape(it.key()),
                      "must be a number, got " + describe(*it));
        }
    }

    void readGraph(const json& root, Topology& topology)
    {
        if (auto it = root.find("nodes"); it != root.end()) {
            if (!it->is_array()) {
                error("/nodes", "must be an array, got " + describe(*it));
            } else {
                for (std::size_t i = 0; i < it->size(); ++i)
                    if (auto node = readNode((*it)[i], fmt::format("/nodes/{}", i)))
                        topology.nodes.push_back(std::move(*node));
                    else // a placeholder keeps later paths equal to the file's indices;
                         // it only exists alongside an error, and the validator skips it
                        topology.nodes.push_back(Node{});
            }
        }
        if (auto it = root.find("links"); it != root.end()) {
            if (!it->is_array()) {
                error("/links", "must be an array, got " + describe(*it));
            } else {
                for (std::size_t i = 0; i < it->size(); ++i)
                    if (auto link = readLink((*it)[i], fmt::format("/links/{}", i)))
                        topology.links.push_back(std::move(*link));
                    else
                        topology.links.push_back(Link{}); // placeholder, as for nodes
            }
        }
    }
};

// Quoted file content in a message: never more than a line's worth.
std::string shortened(const std::string& text)
{
    constexpr std::size_t kMax = 40;
    return text.size() <= kMax ? text : text.substr(0, kMax) + "...";
}

// nlohmann keeps the last of two equal keys without a word; a file that says "workers"
// twice is a mistake to show. This SAX handler names every object with a repeated key by
// its JSON pointer. It runs as a second pass over the text, after the DOM parse: nlohmann
// 3.11's parse callback scans the parent container at every object's end, which made
// loading quadratic in the number of nodes (25 s for 100k; fixed upstream only in 2026).
class DuplicateKeys final : public json::json_sax_t {
public:
    std::vector<std::pair<std::string, std::string>> found; // (pointer, key)

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(json::number_integer_t) override { return value(); }
    bool number_unsigned(json::number_unsigned_t) override { return value(); }
    bool number_float(json::number_float_t, const json::string_t&) override { return value(); }
    bool string(json::string_t&) override { return value(); }
    bool binary(json::binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return begin(true); }
    bool start_array(std::size_t) override { return begin(false); }
    bool end_object() override { return end(); }
    bool end_array() override { return end(); }
    bool key(json::string_t& key) override
    {
        if (!stack.empty()) {
            Frame& f = stack.back();
            f.key = key;
            if (!f.keys.insert(f.key).second && found.size() < 100)
                found.emplace_back(pointer(), f.key);
        }
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const json::exception&) override
    {
        return false; // the DOM parse before this one has reported it
    }

private:
    struct Frame {
        bool object = false;
        std::set<std::string> keys;
        std::string key;       // object: the member being read
        std::size_t index = 0; // array: elements begun so far
    };
    std::vector<Frame> stack;

    void elementBegins()
    {
        if (!stack.empty() && !stack.back().object)
            ++stack.back().index;
    }
    bool value()
    {
        elementBegins();
        return true;
    }
    bool begin(bool object)
    {
        elementBegins();
        stack.push_back({object, {}, {}, 0});
        return true;
    }
    bool end()
    {
        if (!stack.empty())
            stack.pop_back();
        return true;
    }
    std::string pointer() const // of the innermost container
    {
        std::string out;
        for (std::size_t i = 0; i + 1 < stack.size(); ++i)
            out += "/" + (stack[i].object ? pointerEscape(stack[i].key)
                                          : std::to_string(stack[i].index - 1));
        return out;
    }
};

std::optional<json> parseJson(std::string_view text, Reader& reader)
{
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        reader.error("", "the file is empty");
        return std::nullopt;
    }
    if (auto depth = findExcessiveNesting(text, kMaxDepth)) {
        reader.error("", fmt::format("nesting deeper than {} levels at line {}, column {}",
                                     kMaxDepth, depth->line, depth->column));
        return std::nullopt;
    }
    try {
        json root = json::parse(text.begin(), text.end());
        DuplicateKeys duplicates;
        json::sax_parse(text.begin(), text.end(), &duplicates);
        if (duplicates.found.empty())
            return root;
        for (const auto& [where, key] : duplicates.found)
            reader.error(
                where, fmt::format("duplicate key '{}': each key may appear once", shortened(key)));
    } catch (const json::parse_error& e) {
        const TextPosition where = positionOfByte(text, e.byte == 0 ? 0 : e.byte - 1);
        std::string what = e.what();
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column
        // 5: syntax error while parsing value - ..."; keep the part after the position.
        if (auto colon = what.find(": "); colon != std::string::npos)
            what = what.substr(colon + 2);
        // It quotes what it last read, which is the whole rest of the file after an
        // unterminated string: keep the start of it.
        if (auto quote = what.find("last read: '"); quote != std::string::npos) {
            const std::size_t start = quote + 12;
            const std::size_t end = what.rfind('\'');
            if (end != std::string::npos && end > start)
                what = what.substr(0, start) + shortened(what.substr(start, end - start)) + "'";
        }
        reader.error("", fmt::format("syntax error at line {}, column {}: {}", where.line,
                                     where.column, what));
    } catch (const json::exception& e) {
        reader.error("", std::string("cannot read the document: ") + e.what());
    }
    return std::nullopt;
}

} // namespace

LoadResult loadTopology(std::string_view text)
{
    Reader reader;
    LoadResult result;
    auto root = parseJson(text, reader);
    if (!root) {
        result.diagnostics = std::move(reader.diagnostics);
        return result;
    }
    if (!root->is_object()) {
        reader.error("", "the document must be a JSON object ({...}), got " + describe(*root));
        result.diagnostics = std::move(reader.diagnostics);
        return result;
    }
    reader.checkKeys(
        *root, "",
        {"format", "name", "description", "simulation", "nodes", "links", "scenario", "goals"},
        false);
    if (auto format = reader.string(*root, "format", "", false)) {
        const std::string prefix = std::string(kFormatName) + "/";
        int version = 0;
        if (format->rfind(prefix, 0) == 0) {
            // Digits and nothing else: "scalelab/1abc" or "scalelab/ 1" is not a version.
            const char* first = format->data() + prefix.size();
            const char* last = format->data() + format->size();
            const auto [end, ec] = std::from_chars(first, last, version);
            if (ec != std::errc() || end != last || first == last || *first == '+')
                version = 0;
        }
        if (version <= 0) {
            reader.error("/format", fmt::format("must be \"{}/{}\", got \"{}\"", kFormatName,
                                                kFormatVersion, *format));
            result.diagnostics = std::move(reader.diagnostics);
            return result;
        }
        if (version > kFormatVersion) {
            reader.error("/format",
                         fmt::format("made by a newer ScaleLab (format {}); this version reads "
                                     "{}/{}: update ScaleLab to open it",
                                     *format, kFormatName, kFormatVersion));
            result.diagnostics = std::move(reader.diagnostics);
            return result;
        }
    } else if (!root->contains("format")) {
        reader.warning("/format",
                       fmt::format("missing; read as \"{}/{}\"", kFormatName, kFormatVersion));
    }

    Topology topology;
    if (auto name = reader.string(*root, "name", "", false))
        topology.name = *name;
    if (auto description = reader.string(*root, "description", "", false))
        topology.description = *description;
    if (auto it = root->find("simulation"); it != root->end())
        reader.readSimulation(*it, topology.simulation);
    if (!root->contains("nodes"))
        reader.error("", "missing \"nodes\"");
    reader.readGraph(*root, topology);
    if (auto it = root->find("scenario"); it != root->end()) {
        if (!it->is_array()) {
            reader.error("/scenario", "must be an array, got " + describe(*it));
        } else {
            for (std::size_t i = 0; i < it->size(); ++i)
                if (auto a = reader.readAction((*it)[i], fmt::format("/scenario/{}", i), topology))
                    topology.scenario.push_back(std::move(*a));
                else
                    topology.scenario.push_back(ScenarioAction{}); // placeholder, see readGraph
        }
    }
    if (auto it = root->find("goals"); it != root->end())
        reader.readGoals(*it, topology.goals);

    result.topology = std::move(topology);
    result.diagnostics = std::move(reader.diagnostics);
    return result;
}

LoadResult loadTopologyFile(const std::string& path)
{
    const auto refuse = [](std::string message) {
        LoadResult result;
        result.diagnostics.push_back({Severity::Error, "", std::move(message), {}});
        return result;
    };
    const std::string limit = fmt::format("the limit is {} MiB", kMaxFileBytes >> 20);
    // Only regular files: a directory has nothing to read, and a FIFO or a device would
    // block (no writer) or never end (/dev/zero).
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status))
        return refuse(fmt::format("cannot open {}: it is a folder, not a file", path));
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        return refuse(fmt::format("cannot open {}: not a regular file (a device, FIFO or "
                                  "socket); ScaleLab reads files only",
                                  path));
    if (!ec && std::filesystem::is_regular_file(status)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > kMaxFileBytes)
            return refuse(fmt::format("cannot open {}: it has {} bytes; {}", path, size, limit));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return refuse(fmt::format("cannot open {}: no such file or not readable", path));
    // In chunks, and never past the limit, should the file grow while it is read.
    std::string text;
    char chunk[1 << 16];
    while (text.size() <= kMaxFileBytes && in.read(chunk, sizeof chunk).gcount() > 0)
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes)
        return refuse(fmt::format("cannot open {}: it is larger than {} bytes; {}", path,
                                  kMaxFileBytes, limit));
    return loadTopology(text);
}

LoadResult loadFragment(std::string_view text)
{
    Reader reader;
    LoadResult result;
    auto root = parseJson(text, reader);
    if (root && !root->is_object())
        reader.error("", "a fragment must be a JSON object, got " + describe(*root));
    if (root && root->is_object()) {
        Topology topology;
        reader.readGraph(*root, topology);
        result.topology = std::move(topology);
    }
    result.diagnostics = std::move(reader.diagnostics);
    return result;
}

namespace {

ordered_json valueToJson(const ParamValue& value)
{
    return std::visit([](const auto& v) { return ordered_json(v); }, value);
}

ordered_json nodeToJson(const Node& node)
{
    ordered_json out;
    out["id"] = node.id.str();
    out["kind"] = node.kind.str();
    if (!node.name.empty())
        out["name"] = node.name;
    out["pos"] = {node.pos.x, node.pos.y};
    if (!node.params.empty()) {
        ordered_json params = ordered_json::object();
        for (const auto& [key, value] : node.params) // std::map: sorted, stable
            params[key] = valueToJson(value);
        out["params"] = std::move(params);
    }
    return out;
}

ordered_json linkToJson(const Link& link)
{
    ordered_json out;
    out["from"] = link.from.str();
    out["to"] = link.to.str();
    if (link.kind != LinkKind::Request)
        out["kind"] = KindRegistry::instance().linkKind(link.kind).id;
    for (const auto& p : KindRegistry::instance().link().params) // registry order
        if (auto it = link.params.find(p.name); it != link.params.end())
            out[p.name] = valueToJson(it->second);
    return out;
}

ordered_json graphToJson(const std::vector<Node>& nodes, const std::vector<Link>& links)
{
    ordered_json out;
    out["nodes"] = ordered_json::array();
    for (const auto& n : nodes)
        out["nodes"].push_back(nodeToJson(n));
    out["links"] = ordered_json::array();
    for (const auto& l : links)
        out["links"].push_back(linkToJson(l));
    return out;
}

} // namespace

std::string saveTopology(const Topology& topology)
{
    ordered_json out;
    out["format"] = fmt::format("{}/{}", kFormatName, kFormatVersion);
    out["name"] = topology.name;
    if (!topology.description.empty())
        out["description"] = topology.description;
    out["simulation"] = {{"duration_s", topology.simulation.durationS},
                         {"warmup_s", topology.simulation.warmupS},
                         {"seed", topology.simulation.seed}};
    if (!topology.goals.empty()) {
        ordered_json goals = ordered_json::object();
        for (const auto& [key, value] : topology.goals)
            goals[key] = value;
        out["goals"] = std::move(goals);
    }
    ordered_json graph = graphToJson(topology.nodes, topology.links);
    out["nodes"] = std::move(graph["nodes"]);
    out["links"] = std::move(graph["links"]);
    out["scenario"] = ordered_json::array();
    for (const auto& a : topology.scenario) {
        ordered_json step;
        step["at_s"] = a.atS;
        step["action"] = std::string(toString(a.action));
        if (isSiteAction(a.action))
            step["site"] = a.site;
        else
            step["node"] = a.node.str();
        if (a.action == ActionType::Set) {
            step["param"] = a.param;
            step["value"] = valueToJson(a.value);
        }
        out["scenario"].push_back(std::move(step));
    }
    // dump() throws on invalid UTF-8 by default; replace instead so saving never fails.
    return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string saveFragment(const std::vector<Node>& nodes, const std::vector<Link>& links)
{
    return graphToJson(nodes, links).dump(2, ' ', false, ordered_json::error_handler_t::replace) +
           "\n";
}

} // namespace scalelab::core
