#include "core/model/KindRegistry.h"

#include <optional>

namespace scalelab::core {

namespace {

ParamSpec integer(std::string name, std::int64_t def, double min, double max, std::string unit,
                  std::string help)
{
    return {std::move(name), ParamType::Integer, std::move(unit), def, min, max, false, {},
            std::move(help)};
}

// A count of servers, instances or keys: more of it only adds capacity.
ParamSpec capacity(ParamSpec spec)
{
    spec.addsCapacity = true;
    return spec;
}

// A bound past which work is rejected.
ParamSpec admissionLimit(ParamSpec spec)
{
    spec.limitsAdmission = true;
    return spec;
}

ParamSpec real(std::string name, double def, double min, double max, std::string unit,
               std::string help, bool minExclusive = false)
{
    return {std::move(name), ParamType::Real, std::move(unit), def, min, max, minExclusive, {},
            std::move(help)};
}

ParamSpec choice(std::string name, std::string def, std::vector<std::string> choices,
                 std::string help)
{
    return {std::move(name),    ParamType::Choice, "", std::move(def), 0, 0, false,
            std::move(choices), std::move(help)};
}

ParamSpec boolean(std::string name, bool def, std::string help)
{
    return {std::move(name), ParamType::Boolean, "", def, 0, 0, false, {}, std::move(help)};
}

ParamSpec text(std::string name, std::string def, std::string help)
{
    return {std::move(name), ParamType::Text, "", std::move(def), 0, 0, false, {}, std::move(help)};
}

ParamSpec network(Network def)
{
    return choice("network", def == Network::Public ? "public" : "private", {"public", "private"},
                  "Public nodes are reachable from the internet; private ones only from inside");
}

// A pool: `instances` identical copies of the node, each with its own servers, sized by an
// autoscaler when `autoscale` is set (docs/format.md, "Pools and autoscaling"). The defaults
// (one instance, no autoscaling) are the node as it was before pools existed.
std::vector<ParamSpec> poolParams()
{
    return {
        capacity(integer("instances", 1, 1, 10000, "instances",
                         "Identical servers drawn as this one node, each with its own workers")),
        boolean("autoscale", false,
                "Launch and drain instances to keep utilization near target_utilization"),
        integer("min_instances", 1, 1, 10000, "instances", "Autoscaling never goes below this"),
        integer("max_instances", 10, 1, 10000, "instances", "Autoscaling never goes above this"),
        real("target_utilization", 0.6, 0, 1, "",
             "Busy share of the serving instances the autoscaler aims at", true),
        real("evaluate_s", 10, 0, 3600, "s", "Time between two autoscaling decisions", true),
        real("boot_s", 30, 0, 3600, "s", "Time from launching an instance to its serving"),
        real("cooldown_s", 60, 0, 3600, "s",
             "After a scaling action, no instance is drained for this long"),
    };
}

// Price of one instance. The defaults are illustrative round figures in the range of public
// cloud list prices (a small VM, a managed load balancer, a cache and a database instance),
// not a quote: a price sheet (--prices, File > Load Price Sheet) replaces them.
ParamSpec costPerHour(double usd)
{
    return real("cost_per_hour", usd, 0, 1e6, "USD/h",
                "Price of one instance per hour (illustrative default; a price sheet replaces "
                "it)");
}

// Parameters shared by every c-server FIFO queue. `serviceMs` is absent for a database,
// which has read_ms and write_ms instead.
std::vector<ParamSpec> queueParams(const char* serversName, std::int64_t servers,
                                   std::optional<double> serviceMs)
{
    std::vector<ParamSpec> params;
    params.push_back(capacity(integer(serversName, servers, 1, 100000, "",
                                      "Requests served at the same time (servers of the queue)")));
    if (serviceMs)
        params.push_back(real("service_ms", *serviceMs, 0, 3.6e6, "ms", "Mean service time"));
    params.push_back(choice("service_dist", "exponential", {"exponential", "constant", "lognormal"},
                            "Distribution of service times"));
    params.push_back(
        real("service_cv", 1.0, 0, 10, "", "Coefficient of variation of a lognormal service time"));
    params.push_back(real("speed", 1.0, 0, 1000, "x",
                          "Hardware speed: service times are divided by it (vertical scaling)",
                          true));
    params.push_back(admissionLimit(
        integer("queue_limit", 0, 0, 1e9, "requests",
                "Waiting requests beyond which new ones are rejected; 0 = unbounded")));
    for (ParamSpec& p : poolParams())
        params.push_back(std::move(p));
    return params;
}

template <typename... Extra>
std::vector<ParamSpec> concat(std::vector<ParamSpec> base, Extra... extra)
{
    (base.push_back(std::move(extra)), ...);
    return base;
}

KindSpec kind(std::string id, std::string displayName, std::string help, KindRole role,
              Network network)
{
    KindSpec k;
    k.id = std::move(id);
    k.displayName = std::move(displayName);
    k.help = std::move(help);
    k.role = role;
    k.network = network;
    k.look.icon = k.id;
    return k;
}

// Where a kind's simulator behaviour and analyzer model live, from their class stem.
KindHome home(const std::string& stem)
{
    return {"core/sim/" + stem + "Behavior.h", "core/analysis/models/" + stem + "Model.cpp"};
}

// Message queue and worker (issue 15): asynchronous jobs, a backlog, a pool of consumers.
void addMessagingKinds(std::vector<KindSpec>& kinds)
{
    KindSpec queue = kind("message_queue", "Message queue",
                          "Keeps published jobs in a FIFO backlog and hands them to its workers",
                          KindRole::MessageQueue, Network::Private);
    queue.traits.queueing = true; // the ack of a publish is a c-server station
    queue.traits.broker = true;
    queue.serversParam = "workers";
    queue.params = concat(queueParams("workers", 1000, 1.0),
                          admissionLimit(integer("capacity", 0, 0, 1e9, "jobs",
                                                 "Jobs the backlog holds; a publish to a full "
                                                 "queue fails; 0 = unbounded")));
    queue.sends = {{LinkKind::Consume, {"worker"}}};
    queue.home = home("MessageQueue");
    queue.defaultCostPerHour = 0.05;
    kinds.push_back(std::move(queue));

    KindSpec worker = kind("worker", "Worker",
                           "Takes jobs from a message queue and runs them, calling downstream",
                           KindRole::Worker, Network::Private);
    worker.traits.queueing = true;
    worker.traits.application = true; // calls next tiers, its cache and its data store
    worker.traits.consumer = true;
    worker.serversParam = "workers";
    worker.params = concat(queueParams("workers", 4, 100.0));
    worker.sends = {{LinkKind::Request, {"web_server", "load_balancer", "cache", "database"}}};
    worker.home = home("Worker");
    worker.defaultCostPerHour = 0.10;
    kinds.push_back(std::move(worker));
}

std::vector<KindSpec> builtinKinds()
{
    std::vector<KindSpec> kinds;

    KindSpec client = kind("client", "Client", "Users sending requests at a given rate",
                           KindRole::Client, Network::Public);
    client.traits.source = true;
    client.params = {
        real("rate_rps", 100, 0, 1e7, "req/s", "Requests per second sent"),
        choice("arrival", "poisson", {"poisson", "constant"},
               "Poisson arrivals or evenly spaced ones"),
        real("read_ratio", 0.9, 0, 1, "", "Fraction of requests that are reads"),
        real("timeout_ms", 0, 0, 3.6e6, "ms", "A try not answered in time fails; 0 = no timeout"),
        integer("retries", 0, 0, 20, "tries", "Failed tries sent again before the request fails"),
        real("retry_backoff_ms", 100, 0, 3.6e6, "ms",
             "Wait before the first retry; doubled each try, jittered"),
        integer("key_space", 10000, 1, 1e9, "keys", "Number of distinct keys requests touch"),
        real("key_skew", 0.99, 0, 5, "", "Zipf exponent of key popularity; 0 = uniform"),
        real("dns_lookup_ratio", 0.1, 0, 1, "",
             "Fraction of requests that first resolve the name at DNS"),
        real("static_ratio", 0, 0, 1, "",
             "Fraction of requests for static assets (to its CDN when it links to one)"),
        integer("object_space", 10000, 1, 1e9, "objects", "Number of distinct static objects"),
        real("object_skew", 0.8, 0, 5, "", "Zipf exponent of object popularity; 0 = uniform"),
        integer("users", 10000, 1, 1e7, "users",
                "Active users; each request belongs to one (sessions, sticky balancing)"),
        // Data centers (issue 15): how long a user keeps a geo DNS answer.
        real("dns_ttl_s", 60, 0, 86400, "s",
             "Users keep a DNS answer this long before asking again (geo routing)"),
    };
    client.sends = {{LinkKind::Request, {"dns", "load_balancer", "web_server", "cdn"}}};
    client.home = home("Client");
    client.defaultCostPerHour = 0;
    kinds.push_back(std::move(client));

    KindSpec dns = kind("dns", "DNS", "Resolves the site's name to the address of its entry point",
                        KindRole::Dns, Network::Public);
    dns.traits.queueing = true;
    dns.traits.resolver = true;
    dns.serversParam = "workers";
    dns.params = concat(queueParams("workers", 8, 1.0),
                        choice("routing", "simple", {"simple", "geo"},
                               "simple: one entry point; geo: each client to the entry in its "
                               "own site, or the nearest healthy one when that site is down"),
                        real("detect_s", 10, 0, 3600, "s",
                             "Geo routing: time to notice that an entry point is down (or back)"));
    dns.home = home("Dns");
    dns.defaultCostPerHour = 0.01;
    kinds.push_back(std::move(dns));

    KindSpec lb = kind("load_balancer", "Load balancer",
                       "Public entry that spreads requests over healthy web servers",
                       KindRole::LoadBalancer, Network::Public);
    lb.traits.queueing = true;
    lb.traits.balancer = true;
    lb.serversParam = "workers";
    lb.params = concat(
        queueParams("workers", 64, 0.0),
        choice("algorithm", "round_robin",
               {"round_robin", "random", "least_connections", "weighted"},
               "How the next backend is chosen"),
        real("health_check_interval_s", 2, 0.01, 3600, "s",
             "Time between health checks of each backend", true),
        integer("unhealthy_threshold", 2, 1, 100, "checks",
                "Failed checks in a row before a backend is taken out"),
        integer("healthy_threshold", 2, 1, 100, "checks",
                "Passed checks in a row before a recovered backend is put back"),
        boolean("retry_on_failure", false,
                "Retry a request once on another backend when one fails"),
        boolean("sticky_sessions", false,
                "Pin each user to the backend of their first request while it is in rotation"));
    lb.sends = {{LinkKind::Request, {"web_server", "load_balancer"}}};
    lb.home = home("LoadBalancer");
    lb.defaultCostPerHour = 0.03;
    kinds.push_back(std::move(lb));

    KindSpec web = kind("web_server", "Web server", "Runs the application: answers pages and JSON",
                        KindRole::WebServer, Network::Public);
    web.traits.queueing = true;
    web.traits.application = true;
    web.serversParam = "workers";
    web.params =
        concat(queueParams("workers", 8, 20.0),
               choice("concurrency_model", "async", {"async", "blocking"},
                      "async: a worker is busy for its own service only; blocking: held "
                      "until downstream calls return"),
               choice("session_state", "none", {"none", "local", "shared"},
                      "none: sessions not modelled; local: kept on the server where "
                      "the user logged in; shared: read from its session store on "
                      "every request"),
               real("login_ms", 50, 0, 3.6e6, "ms",
                    "Extra service of a request that finds no session (the user logs "
                    "in again)"),
               boolean("cancel_on_timeout", false,
                       "Drop a request whose client already gave up instead of serving it"));
    web.sends = {{LinkKind::Request, {"web_server", "load_balancer", "cache", "database"}},
                 {LinkKind::Session, {"cache", "database"}}};
    // Message queues: a share of requests publish a job and return after the queue's ack.
    web.params.push_back(real("publish_ratio", 0, 0, 1, "",
                              "Share of requests that publish one job over the publish link "
                              "(instead of calling downstream) and return after the ack"));
    web.sends.push_back({LinkKind::Publish, {"message_queue"}});
    web.home = home("WebServer");
    web.defaultCostPerHour = 0.10;
    kinds.push_back(std::move(web));

    KindSpec cache = kind("cache", "Cache", "In-memory cache-aside store in front of the database",
                          KindRole::Cache, Network::Private);
    cache.traits.queueing = true;
    cache.traits.cacheAside = true;
    cache.traits.lru = true;
    cache.serversParam = "workers";
    cache.params = concat(queueParams("workers", 8, 0.5),
                          real("hit_ratio", 0.8, 0, 1, "", "Fraction of reads found in the cache"),
                          capacity(integer("capacity_keys", 0, 0, 1e9, "keys",
                                           "LRU capacity; when > 0 the hit ratio emerges from "
                                           "the key popularity instead of hit_ratio")));
    cache.home = home("Cache");
    cache.defaultCostPerHour = 0.15;
    kinds.push_back(std::move(cache));

    KindSpec db =
        kind("database", "Database", "Stores the data; a master takes writes, replicas serve reads",
             KindRole::Database, Network::Private);
    db.traits.queueing = true;
    db.traits.dataStore = true;
    db.serversParam = "connections";
    db.params = concat(queueParams("connections", 16, std::nullopt),
                       real("read_ms", 5, 0, 3.6e6, "ms", "Mean service time of a read"),
                       real("write_ms", 10, 0, 3.6e6, "ms", "Mean service time of a write"),
                       choice("role", "master", {"master", "replica"},
                              "A master takes writes; a replica copies them and serves reads"),
                       choice("engine", "relational", {"relational", "nosql"},
                              "relational: joins, slower; nosql: key-value access, reads x0.4 and "
                              "writes x0.6 the service time"),
                       choice("failover", "auto", {"auto", "manual"},
                              "auto: a replica is promoted when the master fails; manual: only by "
                              "a promote action"),
                       real("detect_s", 5, 0, 3600, "s", "Time to notice that the master is down"),
                       real("promote_s", 5, 0, 3600, "s", "Time to promote the chosen replica"));
    db.sends = {{LinkKind::Replication, {"database"}}};
    // Sharding (issue 15): keys split over stations; replicas follow their master's count.
    db.params.push_back(integer("shards", 1, 1, 1024, "",
                                "Stations the keys are split over, each with its own "
                                "connections and replication; a replica follows its master"));
    db.params.push_back(choice("sharding", "hash", {"hash", "consistent"},
                               "hash: key hash modulo shards (resharding moves most keys); "
                               "consistent: a hash ring (moves about 1/(N+1) of them)"));
    db.params.push_back(integer("virtual_nodes", 100, 1, 10000, "",
                                "Points per shard on the consistent-hashing ring"));
    db.extraActions = {ActionType::Promote};
    db.look.roleBadge = true;
    db.home = home("Database");
    db.defaultCostPerHour = 0.25;
    kinds.push_back(std::move(db));

    KindSpec cdn = kind("cdn", "CDN",
                        "Edge servers near the users that keep static assets; misses go to its "
                        "origin",
                        KindRole::Cdn, Network::Public);
    cdn.traits.queueing = true;
    cdn.traits.edge = true;
    cdn.serversParam = "workers";
    cdn.params = concat(
        queueParams("workers", 10000, 1.0),
        real("hit_ratio", 0.95, 0, 1, "",
             "Fraction of static requests answered at the edge "
             "(when ttl_s is 0)"),
        real("ttl_s", 0, 0, 1e7, "s",
             "When > 0, an object fetched on a miss is kept this long: the hit ratio emerges "
             "from the objects' popularity"),
        boolean("fallback", true, "While down, its traffic goes straight to its origin"));
    cdn.sends = {{LinkKind::Request, {"object_store", "load_balancer", "web_server"}}};
    cdn.extraActions = {ActionType::Purge};
    cdn.home = home("Cdn");
    // Real CDNs and object stores bill by traffic and storage; a flat hourly price per
    // instance keeps them comparable with the rest (illustrative, like every default).
    cdn.defaultCostPerHour = 0.20;
    kinds.push_back(std::move(cdn));

    KindSpec store = kind("object_store", "Object store",
                          "Stores static files (images, scripts, video) and serves them as an "
                          "origin",
                          KindRole::ObjectStore, Network::Public);
    store.traits.queueing = true;
    store.serversParam = "workers";
    store.params = concat(queueParams("workers", 1000, 20.0));
    store.home = home("ObjectStore");
    store.defaultCostPerHour = 0.05;
    kinds.push_back(std::move(store));

    addMessagingKinds(kinds);
    return kinds;
}

std::vector<LinkKindSpec> builtinLinkKinds()
{
    return {
        {LinkKind::Request, "request", "Request",
         "Requests travel from -> to; responses come back over it"},
        {LinkKind::Replication, "replication", "Replication",
         "A master copies its writes to a replica, lag_ms later"},
        {LinkKind::Session, "session", "Session",
         "A web server reads its users' sessions from the store it reaches"},
        {LinkKind::Publish, "publish", "Publish", "A web server publishes jobs to a message queue"},
        {LinkKind::Consume, "consume", "Consume", "A message queue hands jobs to its workers"},
    };
}

KindSpec linkSpec()
{
    KindSpec link;
    link.id = "link";
    link.displayName = "Link";
    link.help = "A connection requests travel along; responses come back over it";
    link.look.icon = "link";
    link.params = {
        real("latency_ms", 0, 0, 3.6e6, "ms", "One-way network latency"),
        real("weight", 1, 0, 1e6, "", "Share of traffic under weighted balancing", true),
        real("lag_ms", 0, 0, 3.6e6, "ms", "Replication: delay before the replica applies a write"),
        choice("mode", "async", {"async", "sync"},
               "Replication: async acknowledges a write at once (a failover loses what the "
               "replica lacks); sync waits for the replica's ack (one more round trip)"),
    };
    return link;
}

} // namespace

KindRegistry::KindRegistry()
    : m_kinds(builtinKinds()), m_link(linkSpec()), m_linkKinds(builtinLinkKinds())
{
    // Every kind's last parameters: its network, defaulting to the kind's own, its site (data
    // center; issue 15), "" for none, and its price.
    for (auto& k : m_kinds) {
        k.params.push_back(network(k.network));
        k.params.push_back(text("site", "",
                                "Data center the node runs in; a site fails as a whole "
                                "(fail_site) and geo DNS sends users to their own site"));
        k.params.push_back(costPerHour(k.defaultCostPerHour));
        k.traits.pool = k.param("instances") != nullptr;
    }
}

const KindRegistry& KindRegistry::instance()
{
    static const KindRegistry registry;
    return registry;
}

const KindSpec* KindRegistry::find(std::string_view kind) const
{
    for (const auto& k : m_kinds)
        if (k.id == kind)
            return &k;
    return nullptr;
}

const KindSpec* KindRegistry::find(KindRole role) const
{
    for (const auto& k : m_kinds)
        if (k.role == role)
            return &k;
    return nullptr;
}

const LinkKindSpec& KindRegistry::linkKind(LinkKind kind) const
{
    for (const auto& k : m_linkKinds)
        if (k.kind == kind)
            return k;
    return m_linkKinds.front();
}

const LinkKindSpec* KindRegistry::findLinkKind(std::string_view id) const
{
    for (const auto& k : m_linkKinds)
        if (k.id == id)
            return &k;
    return nullptr;
}

std::vector<std::string> KindRegistry::linkKindNames() const
{
    std::vector<std::string> names;
    for (const auto& k : m_linkKinds)
        names.push_back(k.id);
    return names;
}

std::optional<LinkKind> KindRegistry::linkKindBetween(std::string_view from,
                                                      std::string_view to) const
{
    if (const KindSpec* f = find(from))
        for (const auto& permit : f->sends)
            if (f->maySend(permit.link, to))
                return permit.link;
    return std::nullopt;
}

std::vector<std::string> KindRegistry::kindNames() const
{
    std::vector<std::string> names;
    for (const auto& k : m_kinds)
        names.push_back(k.id);
    return names;
}

EngineProfile engineProfile(std::string_view engine)
{
    // Key-value access without joins: the NoSQL profile answers faster (see the registry help).
    if (engine == "nosql")
        return {0.4, 0.6};
    return {1.0, 1.0};
}

} // namespace scalelab::core
