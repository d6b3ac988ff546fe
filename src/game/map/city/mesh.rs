//! Many flat shapes in one mesh with a colour per vertex: the static city is drawn in a few
//! draw calls, not thousands (and not re-drawn every frame as immediate-mode lines would be).

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

/// Triangles with their colours, built up shape by shape, at a depth `z` each.
#[derive(Default)]
pub struct Shapes {
    positions: Vec<[f32; 3]>,
    colours: Vec<[f32; 4]>,
    indices: Vec<u32>,
}

impl Shapes {
    fn vertex(&mut self, p: Vec2, z: f32, colour: Color) -> u32 {
        self.positions.push([p.x, p.y, z]);
        self.colours.push(colour.to_linear().to_f32_array());
        (self.positions.len() - 1) as u32
    }

    /// A convex shape from its corners in order.
    fn fan(&mut self, corners: &[Vec2], z: f32, colour: Color) {
        let first = self.positions.len() as u32;
        for &c in corners {
            self.vertex(c, z, colour);
        }
        for i in 1..corners.len().saturating_sub(1) as u32 {
            self.indices.extend([first, first + i, first + i + 1]);
        }
    }

    /// A rectangle `size` across, centred on `centre`, turned by `angle` radians.
    pub fn rect(&mut self, centre: Vec2, size: Vec2, angle: f32, z: f32, colour: Color) {
        let (half, turn) = (size / 2.0, Vec2::from_angle(angle));
        let corners = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]
            .map(|(x, y)| centre + turn.rotate(Vec2::new(x * half.x, y * half.y)));
        self.fan(&corners, z, colour);
    }

    /// A band `width` wide from `a` to `b` (a stretch of road).
    pub fn band(&mut self, a: Vec2, b: Vec2, width: f32, z: f32, colour: Color) {
        let along = b - a;
        let Some(direction) = along.try_normalize() else {
            return;
        };
        self.rect(
            (a + b) / 2.0,
            Vec2::new(along.length(), width),
            direction.to_angle(),
            z,
            colour,
        );
    }

    /// A disc of `radius`.
    pub fn disc(&mut self, centre: Vec2, radius: f32, z: f32, colour: Color) {
        self.glow(centre, radius, z, colour, colour);
    }

    /// A disc whose colour goes from `inner` at its centre to `outer` at its rim: with a
    /// transparent rim, a glow.
    pub fn glow(&mut self, centre: Vec2, radius: f32, z: f32, inner: Color, outer: Color) {
        self.glow_in(sides_for(radius), centre, radius, z, inner, outer);
    }

    /// A glow with a given number of sides: a small one that fades out needs few (a city's
    /// hundreds of lamps are thousands of vertices fewer, which software rendering feels).
    pub fn glow_in(
        &mut self,
        sides: u32,
        centre: Vec2,
        radius: f32,
        z: f32,
        inner: Color,
        outer: Color,
    ) {
        let middle = self.vertex(centre, z, inner);
        for k in 0..sides {
            let angle = k as f32 / sides as f32 * std::f32::consts::TAU;
            self.vertex(centre + Vec2::from_angle(angle) * radius, z, outer);
        }
        for k in 0..sides {
            self.indices
                .extend([middle, middle + 1 + k, middle + 1 + (k + 1) % sides]);
        }
    }

    /// A ring from `radius - width` to `radius`.
    pub fn ring(&mut self, centre: Vec2, radius: f32, width: f32, z: f32, colour: Color) {
        let sides = sides_for(radius);
        let first = self.positions.len() as u32;
        for k in 0..sides {
            let at = Vec2::from_angle(k as f32 / sides as f32 * std::f32::consts::TAU);
            self.vertex(centre + at * radius, z, colour);
            self.vertex(centre + at * (radius - width).max(0.0), z, colour);
        }
        for k in 0..sides {
            let (o, i) = (first + 2 * k, first + 2 * k + 1);
            let (o2, i2) = (
                first + 2 * ((k + 1) % sides),
                first + 2 * ((k + 1) % sides) + 1,
            );
            self.indices.extend([o, i, o2, o2, i, i2]);
        }
    }

    /// Any simple polygon (convex or not), from its corners in order.
    pub fn polygon(&mut self, corners: &[Vec2], z: f32, colour: Color) {
        let first = self.positions.len() as u32;
        for &c in corners {
            self.vertex(c, z, colour);
        }
        for [a, b, c] in ear_clip(corners) {
            self.indices.extend([first + a, first + b, first + c]);
        }
    }

    /// Adds another set of shapes to these.
    pub fn append(&mut self, other: Shapes) {
        let first = self.positions.len() as u32;
        self.positions.extend(other.positions);
        self.colours.extend(other.colours);
        self.indices
            .extend(other.indices.into_iter().map(|i| i + first));
    }

    /// The same shapes in one colour (a shadow): every vertex that shows takes `colour`, and
    /// the transparent edges of glows stay transparent.
    pub fn silhouette(&self, colour: Color) -> Shapes {
        let solid = colour.to_linear().to_f32_array();
        let clear = colour.with_alpha(0.0).to_linear().to_f32_array();
        Shapes {
            positions: self.positions.clone(),
            colours: self
                .colours
                .iter()
                .map(|c| if c[3] > 0.0 { solid } else { clear })
                .collect(),
            indices: self.indices.clone(),
        }
    }

    /// The smallest rectangle around every corner of these shapes (zero-sized when empty).
    pub fn bounds(&self) -> Rect {
        let mut points = self.positions.iter().map(|p| Vec2::new(p[0], p[1]));
        let Some(first) = points.next() else {
            return Rect::default();
        };
        points.fold(Rect::from_corners(first, first), |r, p| r.union_point(p))
    }

    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    pub fn into_mesh(self) -> Mesh {
        Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::RENDER_WORLD,
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, self.positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, self.colours)
        .with_inserted_indices(Indices::U32(self.indices))
    }
}

/// Enough sides for a circle to look round at any zoom the map allows.
fn sides_for(radius: f32) -> u32 {
    (radius * 1.5).clamp(10.0, 40.0) as u32
}

/// The triangles of a simple polygon, as indices into `corners` (ear clipping: a corner whose
/// triangle with its neighbours holds no other corner is cut off, until three are left).
pub fn ear_clip(corners: &[Vec2]) -> Vec<[u32; 3]> {
    let n = corners.len();
    if n < 3 {
        return Vec::new();
    }
    let area: f32 = (0..n)
        .map(|i| corners[i].perp_dot(corners[(i + 1) % n]))
        .sum();
    // Work anticlockwise whatever the order written.
    let mut left: Vec<u32> = if area >= 0.0 {
        (0..n as u32).collect()
    } else {
        (0..n as u32).rev().collect()
    };
    let at = |i: u32| corners[i as usize];
    let mut triangles = Vec::with_capacity(n - 2);
    while left.len() > 3 {
        let m = left.len();
        let ear = (0..m).find(|&k| {
            let (a, b, c) = (left[(k + m - 1) % m], left[k], left[(k + 1) % m]);
            let convex = (at(b) - at(a)).perp_dot(at(c) - at(b)) > 0.0;
            convex
                && !left
                    .iter()
                    .filter(|&&o| o != a && o != b && o != c)
                    .any(|&o| inside(at(o), at(a), at(b), at(c)))
        });
        // A polygon that crosses itself has no ear: cut the first corner and go on.
        let k = ear.unwrap_or(0);
        triangles.push([left[(k + m - 1) % m], left[k], left[(k + 1) % m]]);
        left.remove(k);
    }
    triangles.push([left[0], left[1], left[2]]);
    triangles
}

/// Whether `p` is inside the anticlockwise triangle `a b c` (or on its edge).
fn inside(p: Vec2, a: Vec2, b: Vec2, c: Vec2) -> bool {
    (b - a).perp_dot(p - a) >= 0.0
        && (c - b).perp_dot(p - b) >= 0.0
        && (a - c).perp_dot(p - c) >= 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(corners: &[Vec2], triangles: &[[u32; 3]]) -> f32 {
        triangles
            .iter()
            .map(|t| {
                let [a, b, c] = t.map(|i| corners[i as usize]);
                (b - a).perp_dot(c - a).abs() / 2.0
            })
            .sum()
    }

    #[test]
    fn an_l_shaped_block_is_cut_into_triangles_that_cover_it_exactly() {
        // 3 by 3 with a 2 by 2 corner missing: area 5, written clockwise.
        let l: Vec<Vec2> = [(0., 0.), (0., 3.), (1., 3.), (1., 1.), (3., 1.), (3., 0.)]
            .map(|(x, y)| Vec2::new(x, y))
            .to_vec();
        let triangles = ear_clip(&l);
        assert_eq!(triangles.len(), 4);
        assert!((area(&l, &triangles) - 5.0).abs() < 1e-4);
    }
}
