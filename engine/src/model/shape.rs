//! Shapes of hotspots and area mappings (ASI "shape" vocabulary) and the
//! point-in-shape test used by `inside` and `mapResponsePoint`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ShapeKind {
    Circle,
    Rect,
    Poly,
    Ellipse,
    /// The whole image.
    Default,
}

impl ShapeKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "circle" => Self::Circle,
            "rect" => Self::Rect,
            "poly" => Self::Poly,
            "ellipse" => Self::Ellipse,
            "default" => Self::Default,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Circle => "circle",
            Self::Rect => "rect",
            Self::Poly => "poly",
            Self::Ellipse => "ellipse",
            Self::Default => "default",
        }
    }
}

/// A shape with its coordinates, as HTML image maps write them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shape {
    pub kind: ShapeKind,
    pub coords: Vec<f64>,
}

impl Shape {
    /// Parse `coords` (comma separated; percentages are not supported by QTI).
    pub fn parse(kind: ShapeKind, coords: &str) -> Option<Self> {
        let coords = if coords.trim().is_empty() {
            Vec::new()
        } else {
            coords
                .split(',')
                .map(|c| c.trim().parse::<f64>().ok())
                .collect::<Option<Vec<_>>>()?
        };
        let ok = match kind {
            ShapeKind::Circle => coords.len() == 3,
            ShapeKind::Rect => coords.len() == 4,
            ShapeKind::Ellipse => coords.len() == 4,
            ShapeKind::Poly => coords.len() >= 6 && coords.len() % 2 == 0,
            ShapeKind::Default => true,
        };
        ok.then_some(Shape { kind, coords })
    }

    pub fn coords_text(&self) -> String {
        self.coords
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Whether the point lies inside the shape (edges count as inside).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let c = &self.coords;
        match self.kind {
            ShapeKind::Default => true,
            ShapeKind::Circle => {
                let (dx, dy) = (x - c[0], y - c[1]);
                dx * dx + dy * dy <= c[2] * c[2]
            }
            ShapeKind::Rect => {
                let (left, right) = (c[0].min(c[2]), c[0].max(c[2]));
                let (top, bottom) = (c[1].min(c[3]), c[1].max(c[3]));
                x >= left && x <= right && y >= top && y <= bottom
            }
            ShapeKind::Ellipse => {
                let (rx, ry) = (c[2], c[3]);
                if rx <= 0.0 || ry <= 0.0 {
                    return false;
                }
                let (dx, dy) = ((x - c[0]) / rx, (y - c[1]) / ry);
                dx * dx + dy * dy <= 1.0
            }
            ShapeKind::Poly => point_in_polygon(c, x, y),
        }
    }
}

/// Even-odd ray casting; a point on an edge counts as inside.
fn point_in_polygon(c: &[f64], x: f64, y: f64) -> bool {
    let n = c.len() / 2;
    let mut inside = false;
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = (c[2 * i], c[2 * i + 1]);
        let (xj, yj) = (c[2 * j], c[2 * j + 1]);
        if on_segment(xi, yi, xj, yj, x, y) {
            return true;
        }
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

fn on_segment(x1: f64, y1: f64, x2: f64, y2: f64, x: f64, y: f64) -> bool {
    let cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
    cross.abs() < 1e-9 && x >= x1.min(x2) && x <= x1.max(x2) && y >= y1.min(y2) && y <= y1.max(y2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_contain_points_edges_included() {
        let circle = Shape::parse(ShapeKind::Circle, "10,10,5").unwrap();
        assert!(circle.contains(15.0, 10.0));
        assert!(!circle.contains(16.0, 10.0));
        let rect = Shape::parse(ShapeKind::Rect, "0,0,10,20").unwrap();
        assert!(rect.contains(10.0, 20.0));
        assert!(!rect.contains(11.0, 5.0));
        let poly = Shape::parse(ShapeKind::Poly, "0,0,10,0,10,10,0,10").unwrap();
        assert!(poly.contains(5.0, 5.0));
        assert!(poly.contains(10.0, 5.0));
        assert!(!poly.contains(11.0, 5.0));
        let ellipse = Shape::parse(ShapeKind::Ellipse, "0,0,4,2").unwrap();
        assert!(ellipse.contains(4.0, 0.0));
        assert!(!ellipse.contains(0.0, 3.0));
        assert!(Shape::parse(ShapeKind::Circle, "1,2").is_none());
    }
}
