#pragma once

#include <atomic>
#include <functional>
#include <thread>

#include <QObject>
#include <QString>

namespace scalelab::gui {

/// Runs one long experiment (a sweep, a plan) off the GUI thread and brings what it reports
/// back to it: the work calls post() with a function, which runs on the GUI thread through
/// the event loop, so widgets are only ever touched there and the window never blocks.
/// Destroying it cancels the work and waits for it.
class ExperimentThread : public QObject {
    Q_OBJECT
public:
    explicit ExperimentThread(QObject* parent = nullptr);
    ~ExperimentThread() override;

    /// Starts `work` on its own std::jthread; finished() follows when it returns.
    void start(std::function<void()> work);
    /// Asks the work to stop (it polls cancelled()).
    void cancel() { m_cancelled = true; }
    bool cancelled() const { return m_cancelled; }
    bool running() const { return m_running; }
    /// Cancels and waits for the work to return (what it posted may still arrive).
    void stop();

    /// From the work's thread: runs `f` on the GUI thread, later.
    void post(std::function<void()> f);

Q_SIGNALS:
    void finished();

private:
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_running{false};
    std::jthread m_thread;
};

} // namespace scalelab::gui
