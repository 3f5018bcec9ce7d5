#pragma once

#include <QDialog>

#include "gui/record/Recorder.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace scalelab::gui::record {

/// File > Record Video…: where to save and what to record (simulated seconds, speed, frame
/// rate, size, charts or not). The defaults make a 720p MP4 of the whole run at 1x.
class RecordVideoDialog : public QDialog {
    Q_OBJECT
public:
    RecordVideoDialog(double durationS, const QString& suggestedPath, QWidget* parent = nullptr);

    RecordOptions options() const;

private:
    void browse();
    void updateSummary();

    QLineEdit* m_path;
    QDoubleSpinBox* m_seconds;
    QDoubleSpinBox* m_speed;
    QSpinBox* m_fps;
    QComboBox* m_size;
    QCheckBox* m_charts;
    QLineEdit* m_summary;
};

} // namespace scalelab::gui::record
