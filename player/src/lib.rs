//! QTI player components.
