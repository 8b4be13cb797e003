package dev.gyre.data.quality;

import java.sql.SQLException;
import java.util.List;

/** One data-quality check: SQL over the loaded table, turned into findings. */
interface QualityCheck {

    List<Finding> run(CheckContext context) throws SQLException;
}
