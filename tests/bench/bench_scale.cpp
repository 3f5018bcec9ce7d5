// Scale of the file tools (issue 20's targets: validate and analyze 100k nodes in under
// 5 s): load + validate, then analyze, for designs of 100k nodes in the shapes that once
// went quadratic or deep. Prints wall seconds per step; asserts nothing.
//   build/tests/bench/bench_scale [nodes]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/analysis/Analysis.h"
#include "core/io/TopologyJson.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using nlohmann::json;

namespace {

json node(const std::string& id, const char* kind, json params = json::object())
{
    return {{"id", id}, {"kind", kind}, {"pos", {0, 0}}, {"params", std::move(params)}};
}

json link(const std::string& from, const std::string& to)
{
    return {{"from", from}, {"to", to}};
}

json document(json nodes, json links)
{
    return {{"format", "scalelab/1"},
            {"name", "scale"},
            {"simulation", {{"duration_s", 10}}},
            {"nodes", std::move(nodes)},
            {"links", std::move(links)}};
}

std::string id(const char* prefix, int i)
{
    std::string s(prefix); // appended, not inserted: GCC 12 -Wrestrict false positive
    s += std::to_string(i);
    return s;
}

std::string cat(const std::string& a, const char* b)
{
    std::string s(a);
    s += b;
    return s;
}

// users -> w0 -> w1 -> ... : the deepest design.
json chain(int n)
{
    json nodes = json::array({node("users", "client", {{"rate_rps", 1}})});
    json links = json::array({link("users", "w0")});
    for (int i = 0; i < n - 1; ++i) {
        nodes.push_back(node(id("w", i), "web_server", {{"service_ms", 0.001}}));
        if (i > 0)
            links.push_back(link(id("w", i - 1), id("w", i)));
    }
    return document(nodes, links);
}

// users -> lb -> n - 2 web servers: the widest balancer.
json wideBalancer(int n)
{
    json nodes = json::array({node("users", "client"), node("lb", "load_balancer")});
    json links = json::array({link("users", "lb")});
    for (int i = 0; i < n - 2; ++i) {
        nodes.push_back(node(id("w", i), "web_server", {{"network", "private"}}));
        links.push_back(link("lb", id("w", i)));
    }
    return document(nodes, links);
}

// n / 2 clients -> one balancer -> n / 2 web servers: many clients.
json manyClients(int n)
{
    json nodes = json::array({node("lb", "load_balancer")});
    json links = json::array();
    for (int i = 0; i < n / 2; ++i) {
        nodes.push_back(node(id("u", i), "client", {{"rate_rps", 0.01}}));
        links.push_back(link(id("u", i), "lb"));
    }
    for (int i = 0; i < n / 2 - 1; ++i) {
        nodes.push_back(node(id("w", i), "web_server", {{"network", "private"}}));
        links.push_back(link("lb", id("w", i)));
    }
    return document(nodes, links);
}

// n / 6 independent sites: client -> lb -> 2 web servers -> master -> replica.
json sites(int n)
{
    json nodes = json::array();
    json links = json::array();
    for (int s = 0; s < n / 6; ++s) {
        const std::string p = id("s", s);
        nodes.push_back(node(cat(p, "u"), "client"));
        nodes.push_back(node(cat(p, "lb"), "load_balancer"));
        nodes.push_back(node(cat(p, "w1"), "web_server", {{"network", "private"}}));
        nodes.push_back(node(cat(p, "w2"), "web_server", {{"network", "private"}}));
        nodes.push_back(node(cat(p, "db"), "database"));
        nodes.push_back(node(cat(p, "r"), "database", {{"role", "replica"}}));
        links.push_back(link(cat(p, "u"), cat(p, "lb")));
        links.push_back(link(cat(p, "lb"), cat(p, "w1")));
        links.push_back(link(cat(p, "lb"), cat(p, "w2")));
        links.push_back(link(cat(p, "w1"), cat(p, "db")));
        links.push_back(link(cat(p, "w2"), cat(p, "db")));
        json replication = link(cat(p, "db"), cat(p, "r"));
        replication["kind"] = "replication";
        links.push_back(replication);
    }
    return document(nodes, links);
}

double seconds(const std::function<void()>& step)
{
    const auto start = std::chrono::steady_clock::now();
    step();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
    const std::pair<const char*, std::function<json(int)>> shapes[] = {
        {"chain", chain},
        {"wide balancer", wideBalancer},
        {"many clients", manyClients},
        {"sites", sites}};
    std::printf("%-14s %8s %10s %10s %10s\n", "design", "nodes", "load s", "validate s",
                "analyze s");
    for (const auto& [name, make] : shapes) {
        const std::string text = make(n).dump();
        LoadResult loaded;
        const double load = seconds([&] { loaded = loadTopology(text); });
        if (!loaded.topology) {
            std::printf("%s: does not load\n", name);
            return 1;
        }
        Diagnostics problems;
        const double check = seconds([&] { problems = validate(*loaded.topology); });
        if (hasErrors(problems)) {
            std::printf("%s: invalid: %s\n", name, problems.front().toString().c_str());
            return 1;
        }
        Analysis analysis;
        const double estimate = seconds([&] { analysis = analyze(*loaded.topology); });
        std::printf("%-14s %8zu %10.3f %10.3f %10.3f   (%zu single points of failure)\n", name,
                    loaded.topology->nodes.size(), load, check, estimate,
                    analysis.singlePointsOfFailure.size());
    }
    return 0;
}
