//! QTI assessment engine: reads QTI 2.x and 3.0 items into one model and
//! processes them as the ASI specification says.
//!
//! Layers, each only using the ones above it:
//! - [`xml`]: the source's markup to a small element tree, under limits;
//! - [`read`]: the tree to the typed [`model`];
//! - [`expr`] and [`processing`]: evaluation over the model;
//! - [`session`]: an item session (attempts, state, serialization);
//! - [`write`](mod@write): the model back to QTI 2.2 or 3.0 XML.

pub mod caliper;
pub mod delivery;
pub mod error;
pub mod expr;
pub mod href;
pub mod json;
pub mod model;
pub mod package;
pub mod processing;
pub mod random;
pub mod read;
pub mod results;
pub mod session;
pub mod test_session;
pub mod value;
pub mod write;
pub mod xml;
pub mod xsd_regex;

pub use error::{Error, ErrorKind, Position};
pub use model::AssessmentItem;
pub use read::item::{ReadItem, read_item};
pub use session::{ItemSession, SessionState};
pub use value::{BaseType, Cardinality, Scalar, Value};
