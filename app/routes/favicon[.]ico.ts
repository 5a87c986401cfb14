export const loader = () => new Response(null, { status: 301, headers: { Location: '/favicon.svg', 'Cache-Control': 'public, max-age=86400' } })
