//! eval placeholder
