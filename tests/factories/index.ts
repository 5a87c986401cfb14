export * from './unique'
export * from './users'
export * from './organizations'
export * from './projects'
