#pragma once

#include <memory>

#include <QObject>
#include <QString>

#include "core/model/Topology.h"
#include "gui/record/VideoEncoder.h"

class QTimer;

namespace scalelab::gui::record {

class RecordingStage;

/// What to record: `runForS` simulated seconds shown at `speed` simulated seconds per video
/// second, so the video has round(fps x runForS / speed) frames; frame i shows simulated time
/// (i + 1) x speed / fps, the last one exactly runForS.
struct RecordOptions {
    QString out;
    double runForS = 10;
    double speed = 1;
    VideoSettings video;
    bool charts = true;
};

/// Records a run into a video: a RecordingStage draws each frame, a VideoEncoder writes it.
/// In the window it works in slices of a few frames from the event loop (start(), never
/// blocking, cancel() at any time); the command line calls run() and waits. Either way a
/// cancelled or failed recording leaves no file behind.
class Recorder : public QObject {
    Q_OBJECT
public:
    Recorder(core::Topology topology, RecordOptions options, QObject* parent = nullptr);
    ~Recorder() override;

    /// Checks the options, builds the simulation, opens the file. False with `error` set.
    bool prepare(QString* error);
    /// After prepare(): records from the event loop; finished() tells the end.
    void start();
    /// After prepare(): records to the end now. False with `error` set (also when cancelled).
    bool run(QString* error);
    void cancel();
    bool isRunning() const;

    int frameCount() const { return m_frames; }
    /// Frames to draw in all, counting the palette pass of a GIF.
    int workTotal() const { return m_total; }
    int workDone() const { return m_done; }
    QString encoderName() const { return m_encoder.encoderName(); }
    const RecordOptions& options() const { return m_options; }

Q_SIGNALS:
    void progressed(int done, int total);
    /// `ok` false: `error` says why, or is empty when cancelled.
    void finished(bool ok, const QString& error);

private:
    /// Does one unit of work (a frame); false on failure. Sets m_complete at the end.
    bool step(QString* error);
    bool beginPass(bool palettePass, QString* error);
    void onTick();
    void end(bool ok, const QString& error);

    core::Topology m_topology;
    RecordOptions m_options;
    VideoEncoder m_encoder;
    std::unique_ptr<RecordingStage> m_stage;
    QTimer* m_timer = nullptr;
    int m_frames = 0;
    int m_sampleEvery = 1; // GIF palette pass: every n-th frame is looked at
    bool m_palettePass = false;
    int m_frame = 0; // next frame of the current pass
    int m_done = 0;
    int m_total = 0;
    bool m_complete = false;
    bool m_cancelled = false;
};

} // namespace scalelab::gui::record
